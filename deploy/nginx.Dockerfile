# Debian's nginx (the package the tests and CI run, .ci/run), unprivileged.
# The configuration is not baked in: docker-compose.yml mounts deploy/ read-only.
FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends nginx \
 && rm -rf /var/lib/apt/lists/*
# Runs as www-data: every file nginx writes (pid, logs, scratch) goes under the
# prefix /tmp/nginx, a tmpfs in compose. Logs go to the container's output.
USER www-data
EXPOSE 8080
CMD ["sh", "-c", "mkdir -p /tmp/nginx/logs /tmp/nginx/temp && ln -sf /dev/stdout /tmp/nginx/logs/access.log && ln -sf /dev/stderr /tmp/nginx/logs/error.log && exec nginx -p /tmp/nginx -c /etc/frontrow-nginx/nginx.conf -e stderr -g 'daemon off;'"]
