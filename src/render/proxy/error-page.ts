/** The static page nginx answers with when a service cannot be reached (502/503/504). */
export function renderUnavailablePage(title: string, service: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} is unavailable</title>
</head>
<body>
<main>
<h1>${escapeHtml(title)} is not reachable right now</h1>
<p>The proxy is up, but the service <code>${escapeHtml(service)}</code> did not answer. It may be starting, restarting or stopped.</p>
<p>On the host, <code>aistack status</code> shows its state and <code>aistack logs ${escapeHtml(service)}</code> its log.</p>
</main>
</body>
</html>
`;
}

/** The console route's 502 page: `aistack serve` is not running on the host (no socket to forward to). */
export function renderConsoleUnavailablePage(): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>The configuration console is unavailable</title>
</head>
<body>
<main>
<h1>The configuration console is not running</h1>
<p>The proxy is up, but <code>aistack serve</code> is not running on the host, so there is no console to forward to.</p>
<p>Start it in the project directory on the host: <code>aistack serve</code>.</p>
</main>
</body>
</html>
`;
}

export function renderNotFoundPage(): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Not found</title>
</head>
<body>
<main>
<h1>Nothing is served here</h1>
<p>No service of this stack answers at this address. <code>aistack status</code> on the host lists the URLs.</p>
</main>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
