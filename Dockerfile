# Dyad API image: slim Python, a non-root user, a health check on /healthz.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DYAD_DATABASE_URL=sqlite:////data/dyad.db

WORKDIR /srv/dyad
RUN useradd --create-home --uid 10001 dyad && mkdir /data && chown dyad /data

# Dependencies first, so code changes do not reinstall them.
COPY pyproject.toml README.md ./
COPY app/__init__.py app/__init__.py
RUN pip install . && pip uninstall --yes dyad

COPY app ./app
COPY migrations ./migrations
# Installed in place: the migrations folder is found next to the package.
RUN pip install --no-deps -e .

USER dyad
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
  CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2)"
CMD ["dyad", "serve", "--host", "0.0.0.0", "--port", "8000", "--workers", "2"]
