# VibeJudge AI organizer dashboard (Streamlit), as run by the ECS Fargate task.
#
# Build:  docker build --build-arg GIT_REVISION="$(git rev-parse HEAD)" -t vibejudge-dashboard .
# Run:    docker run --read-only --tmpfs /tmp -p 8501:8501 \
#           -e API_BASE_URL=https://api.example.com/api/v1 vibejudge-dashboard
#
# Build arguments:
#   BASE_IMAGE        Python base for both stages (default python:3.12-slim). Any Debian-like image
#                     with python3 (and its venv module), groupadd and useradd works.
#   VERSION           image version label (default 1.0.0).
#   GIT_REVISION      commit the image is built from (label org.opencontainers.image.revision).
#   PIP_INDEX_URL, PIP_FIND_LINKS, PIP_NO_INDEX, PIP_TRUSTED_HOST
#                     pip's own settings, for a private mirror or a local wheel directory; unset by
#                     default (pip uses PyPI). They exist only in the builder stage.

ARG BASE_IMAGE=python:3.12-slim

FROM ${BASE_IMAGE} AS builder

ARG PIP_INDEX_URL
ARG PIP_FIND_LINKS
ARG PIP_NO_INDEX
ARG PIP_TRUSTED_HOST
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_ROOT_USER_ACTION=ignore

COPY streamlit_ui/requirements.txt /tmp/requirements.txt
# Install the pinned runtime requirements, then drop what the dashboard never loads (measured in
# docs/container.md; the image must stay under 500 MB):
# - pip, setuptools, wheel: nothing installs packages at run time;
# - test suites, C/C++ headers and Cython sources;
# - pyarrow's Flight RPC and S3 file-system modules with their libraries (pyarrow loads both only
#   on `import pyarrow.flight` / `pyarrow.fs.S3FileSystem`; nothing here does);
# - the Jupyter extensions of pydeck and plotly (Streamlit draws both with its own frontend);
# - the byte code of plotly's graph_objs and validators (19 MB): plotly imports those lazily, one
#   trace type at a time, so compiling the few a chart needs costs milliseconds, once per process.
RUN python3 -m venv /opt/venv \
 && /opt/venv/bin/pip install --no-cache-dir --requirement /tmp/requirements.txt \
 && site="$(/opt/venv/bin/python -c 'import sysconfig; print(sysconfig.get_path("purelib"))')" \
 && /opt/venv/bin/pip uninstall --yes --quiet setuptools wheel pip \
 && find "$site" -depth \( -type d -name tests -o -name '*.pxd' -o -name '*.pyx' \) -exec rm -rf {} + \
 && rm -rf "$site"/pyarrow/include "$site"/pyarrow/src \
      "$site"/pyarrow/libarrow_flight.so* "$site"/pyarrow/libarrow_python_flight.so* "$site"/pyarrow/_flight.*.so \
      "$site"/pyarrow/libarrow_s3.so* "$site"/pyarrow/_s3fs.*.so "$site"/pyarrow/_pyarrow_cpp_tests.*.so \
      "$site"/pydeck/nbextension "$site"/plotly/labextension \
 && find "$site"/plotly/graph_objs "$site"/plotly/validators -depth -type d -name __pycache__ -exec rm -rf {} +


FROM ${BASE_IMAGE} AS runtime

RUN groupadd --gid 1000 streamlit \
 && useradd --uid 1000 --gid 1000 --no-create-home --home-dir /tmp --shell /usr/sbin/nologin streamlit

COPY --from=builder /opt/venv /opt/venv
# The app stays owned by root: the dashboard process can read its code but not change it.
COPY streamlit_ui/ /app/

WORKDIR /app

# HOME=/tmp: the root file system is read-only in ECS and /tmp is the only writable volume, so
# everything Streamlit and its libraries keep per user (~/.streamlit, caches) lands there.
ENV PATH=/opt/venv/bin:${PATH} \
    HOME=/tmp \
    XDG_CACHE_HOME=/tmp/.cache \
    XDG_CONFIG_HOME=/tmp/.config \
    MPLCONFIGDIR=/tmp/matplotlib \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    API_BASE_URL="" \
    STREAMLIT_SERVER_PORT=8501 \
    STREAMLIT_SERVER_ADDRESS=0.0.0.0 \
    STREAMLIT_SERVER_HEADLESS=true \
    STREAMLIT_SERVER_FILE_WATCHER_TYPE=none \
    STREAMLIT_SERVER_RUN_ON_SAVE=false \
    STREAMLIT_BROWSER_GATHER_USAGE_STATS=false

# Declared here, after every RUN, so that a new revision only changes the metadata, not the layers.
ARG VERSION=1.0.0
ARG GIT_REVISION=unknown
LABEL maintainer="vibejudge-team" \
      version="${VERSION}" \
      description="VibeJudge AI Streamlit Organizer Dashboard" \
      org.opencontainers.image.title="vibejudge-dashboard" \
      org.opencontainers.image.description="VibeJudge AI Streamlit Organizer Dashboard" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${GIT_REVISION}" \
      org.opencontainers.image.authors="vibejudge-team" \
      org.opencontainers.image.vendor="VibeJudge AI" \
      org.opencontainers.image.licenses="MIT"

USER 1000:1000
EXPOSE 8501

# Python's standard library only (the image has no curl); a refused connection or a non-200 answer
# is one line in `docker inspect`, not a traceback.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["python", "-c", "import http.client, os, sys\ntry:\n    c = http.client.HTTPConnection('127.0.0.1', int(os.environ.get('STREAMLIT_SERVER_PORT', '8501')), timeout=4)\n    c.request('GET', '/_stcore/health')\n    status = c.getresponse().status\nexcept OSError as e:\n    sys.exit(f'unhealthy: {e}')\nsys.exit(0 if status == 200 else f'unhealthy: HTTP {status}')"]

# Exec form: the dashboard's Python process is PID 1 and receives ECS's SIGTERM itself; Streamlit
# installs a SIGTERM handler that stops the server and exits. serve.py is `streamlit run app.py`
# with an HTTP keep-alive longer than the load balancer's idle timeout (see its docstring).
CMD ["python", "serve.py"]
