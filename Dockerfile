# syntax=docker/dockerfile:1
# Charla in one image: the server built to apps/server/dist/main.js, the web app's files it serves
# (apps/web/dist), the migrations it applies at start, and the server's production dependencies.
# The same commands as the process deploy in docs/deploy.md ("Docker and compose"):
#
#   docker build -t charla .
#   docker run -d -p 127.0.0.1:3000:3000 -v charla-data:/data \
#     -e PUBLIC_URL=https://charla.example.com -e TRUST_PROXY=1 charla

# Every workspace's package.json, so `npm ci` stays cached until a dependency changes. A new
# workspace in package.json needs its line here (apps/server/test/operations checks it).
FROM node:20-bookworm-slim AS manifests
WORKDIR /src
COPY package.json package-lock.json ./
COPY packages/cloud-api/package.json packages/cloud-api/
COPY packages/contracts/package.json packages/contracts/
COPY packages/client/package.json packages/client/
COPY apps/simulator/package.json apps/simulator/
COPY apps/server/package.json apps/server/
COPY apps/web/package.json apps/web/
COPY bench/package.json bench/

FROM manifests AS build
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# esbuild bundles Charla's own packages (@charla/*) into dist/main.js and leaves every other
# import to node_modules (scripts/build-server.mjs): the server's dependencies, none of the
# development ones, nor the web app's (its build is static files).
FROM manifests AS deps
RUN npm ci --omit=dev --workspace @charla/server --no-audit --no-fund && npm cache clean --force

FROM node:20-bookworm-slim
WORKDIR /app
COPY --from=deps /src/node_modules node_modules
COPY --from=build /src/apps/server/package.json apps/server/package.json
COPY --from=build /src/apps/server/migrations apps/server/migrations
COPY --from=build /src/apps/server/dist apps/server/dist
COPY --from=build /src/apps/web/dist apps/web/dist
# DATA_DIR: customers' files, and the embedded database and generated secret key when neither
# DATABASE_URL nor SECRET_KEY is set. Owned by the image's unprivileged user, which a new named
# volume inherits; Charla keeps it at mode 700.
RUN mkdir /data && chown node:node /data
# Every interface, inside the container only: publish the port on the host's loopback and put the
# reverse proxy in front (docs/deploy.md).
ENV HOST=0.0.0.0 PORT=3000 DATA_DIR=/data
USER node
VOLUME /data
EXPOSE 3000
# SIGTERM is Charla's graceful shutdown: it exits within 10 s (give `docker stop` -t 15).
STOPSIGNAL SIGTERM
# /health answers while the process is alive (/ready also checks the database and migrations).
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--enable-source-maps", "apps/server/dist/main.js"]
