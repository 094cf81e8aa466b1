# aistack's own image: the monitor and dashboard (`aistack serve`) that runs in the stack as
# `monitor`. Build it from a checkout after `npm ci` (which also compiles dist/ and the native
# SQLite module for this Node.js and glibc):
#
#   npm ci && docker build -t aistack/aistack:0.1.0 .
#
# NODE_IMAGE must have the same Node.js major as the host that ran `npm ci`, on Debian 12
# (bookworm) like it, because the native SQLite module in node_modules is copied, not rebuilt;
# the default is Node.js 24 (LTS). On a Node.js 22 host: --build-arg NODE_IMAGE=node:22-bookworm-slim
# (Node.js 20, past its end of life, still works the same way). Point it at your registry mirror
# if you have one. Offline (no registry at all): any such image already on this host will do, and
# the build needs no network:
#
#   docker build --network none --build-arg NODE_IMAGE=<local image> -t aistack/aistack:0.1.0 .
ARG NODE_IMAGE=node:24-bookworm-slim
FROM ${NODE_IMAGE}
WORKDIR /opt/aistack
COPY package.json package-lock.json ./
COPY node_modules ./node_modules
# A native module built for another Node.js fails here, at build time, not in the running monitor.
RUN node -e "try { new (require('better-sqlite3'))(':memory:').close(); } catch (error) { console.error('node_modules/better-sqlite3 does not load on this image (Node.js ' + process.version + '): ' + String(error.message).replace(/\\s+/g, ' ') + '. Build with --build-arg NODE_IMAGE=node:<major of the Node.js that ran npm ci>-bookworm-slim, or run npm ci with this image Node.js major.'); process.exit(1); }"
# Development packages (compilers, test runners) are not needed to run; npm removes them offline.
RUN if command -v npm >/dev/null 2>&1; then npm prune --omit=dev --ignore-scripts --no-audit --no-fund; fi
COPY dist ./dist
COPY schemas ./schemas
COPY web ./web
# Named volumes take the ownership of the directory they are mounted on.
RUN mkdir -p /var/lib/aistack /project && chown node:node /var/lib/aistack
ENV NODE_ENV=production
USER node
EXPOSE 8090
ENTRYPOINT ["node", "/opt/aistack/dist/cli/main.js"]
CMD ["serve"]
