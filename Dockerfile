# aistack's own image: the monitor and dashboard (`aistack serve`) that runs in the stack as
# `monitor`. Build it from a checkout after `npm ci` (which also compiles dist/ and the native
# SQLite module for this Node.js and glibc):
#
#   npm ci && docker build -t aistack/aistack:0.1.0 .
#
# NODE_IMAGE must be Node.js 20 on Debian 12 (bookworm) like the build host, because the native
# module in node_modules is copied, not rebuilt; point it at your registry mirror if you have one.
# Offline (no registry at all): any such image already on this host will do, and the build needs
# no network:
#
#   docker build --network none --build-arg NODE_IMAGE=<local image> -t aistack/aistack:0.1.0 .
ARG NODE_IMAGE=node:20-bookworm-slim
FROM ${NODE_IMAGE}
WORKDIR /opt/aistack
COPY package.json package-lock.json ./
COPY node_modules ./node_modules
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
