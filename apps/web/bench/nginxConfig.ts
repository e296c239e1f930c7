/**
 * nginx as the benchmarks' baseline: a static file server for the live release's files, tuned
 * as one would serve them (sendfile, long keep-alive), one worker as the site server has one
 * thread. On the host (`serve.bench.ts`) it keeps its pid, log and temporary files in `workDir`;
 * in its own container (`serveContainers.ts`) the image's places do.
 */
export const nginxConfig = ({ listen, root, runAsRoot, workDir }: { listen: string; root: string; runAsRoot: boolean; workDir?: string }): string =>
  `${runAsRoot ? '# The files may be private to root (a mkdtemp folder is 0700): the worker must be able to read them.\nuser root;\n' : ''}worker_processes 1;
daemon off;
${
  workDir
    ? `pid ${workDir}/nginx.pid;
error_log ${workDir}/error.log;`
    : 'error_log stderr;'
}
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
${
  workDir
    ? ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
        .map((kind) => `  ${kind}_temp_path ${workDir}/${kind === 'client_body' ? 'body' : kind};\n`)
        .join('')
    : ''
}  server {
    listen ${listen};
    root ${root};
    location / { try_files $uri $uri/index.html =404; }
    error_page 404 /404.html;
  }
}
`;
