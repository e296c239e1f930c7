# The front door's VCL (apps/front-door/README.md): a cache in front of the site servers that
# keeps every page of the live release with its validators, is purged by the site server's
# publishes by key (xkey), and keeps serving what it has while every site server is down.
# start.sh writes the files under generated/ from the environment at every start: the backends
# (FRONT_DOOR_BACKENDS, each with the health probe) and the director `site`, who may purge
# (FRONT_DOOR_PURGE_FROM, FRONT_DOOR_PURGE_SECRET), and how long pages are kept.
vcl 4.1;

import std;
import xkey;
import directors;

include "generated/backends.vcl";
include "generated/settings.vcl";

sub vcl_recv {
    set req.backend_hint = site.backend();
    # The front door's own marks (below) are never a client's to send.
    if (req.restarts == 0) {
        unset req.http.x-fd-stale;
        unset req.http.x-fd-pass;
    }
    # Only the front door says whether an operator asked for the debug headers (fd_debug_check).
    unset req.http.x-fd-debug;
    call fd_debug_check;

    if (req.method == "PURGE") {
        # Never from readers: from the stack's network (acl purgers; the Docker gateway, where
        # readers' requests come in through the host's proxy, is excluded) and with the secret.
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        call fd_purge_secret_check;
        if (req.http.xkey-purge) {
            # A soft purge (xkey-soft) only expires the copies: each is revalidated with a site
            # server before it is served again, and still served while none answers (a site
            # server's start: its live release may not be the one the cache was filled from).
            if (req.http.xkey-soft) {
                set req.http.x-fd-purged = xkey.softpurge(req.http.xkey-purge);
            } else {
                set req.http.x-fd-purged = xkey.purge(req.http.xkey-purge);
            }
            return (synth(200, "Purged " + req.http.x-fd-purged));
        }
        return (synth(400, "Name the keys to purge in the xkey-purge header."));
    }

    # The container's health check: the front door itself answers, whatever the site servers do.
    if (req.url == "/.front-door/health" && client.ip ~ localhost) {
        return (synth(204, "OK"));
    }

    # Passed through uncached: anything but a read, the CMS's signed hooks, the preview, the
    # editors' archive links. (Search and the feedback form are on-demand routes the live release
    # declares; they carry no xkey header and are never kept: vcl_backend_response.)
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(hooks|preview)/" || req.url ~ "^/_archive([/?]|$)") {
        return (pass);
    }

    # One cached variant per coding the site server keeps (brotli, gzip, plain), not one per
    # browser's way of writing Accept-Encoding. (http_gzip_support is off: Varnish passes the
    # site server's brotli and its ETags through unchanged.)
    if (req.http.accept-encoding ~ "(^|[\s,])br([\s,;]|$)" && req.http.accept-encoding !~ "(^|[\s,])br\s*;\s*q=0(\.0*)?([\s,]|$)") {
        set req.http.accept-encoding = "br";
    } elsif (req.http.accept-encoding ~ "(^|[\s,])gzip([\s,;]|$)" && req.http.accept-encoding !~ "(^|[\s,])gzip\s*;\s*q=0(\.0*)?([\s,]|$)") {
        set req.http.accept-encoding = "gzip";
    } else {
        unset req.http.accept-encoding;
    }

    # Pages stay fresh in the cache until a publish purges them (the TTL only bounds a purge
    # that never came). An expired page is served stale (grace) only while no site server is
    # healthy, or (x-fd-stale) when the fetch in its place just failed; else it is fetched, a
    # conditional request with its validators.
    if (std.healthy(req.backend_hint) && !req.http.x-fd-stale) {
        set req.grace = 0s;
    }
    # The site's pages are the same whatever cookie a browser sends (the site sets none):
    # without this the builtin VCL would pass every request that has one.
    return (hash);
}

sub vcl_backend_fetch {
    # A file of the release comes out of the site server's memory at once; a page rendered on
    # demand (search, the feedback form) may take up to PREVIEW_TIMEOUT_MS.
    if (bereq.uncacheable) {
        set bereq.first_byte_timeout = 30s;
    } else {
        set bereq.first_byte_timeout = 5s;
    }
}

sub vcl_backend_response {
    if (bereq.uncacheable) {
        return (deliver);
    }
    # A site server in trouble: a stale copy, if the cache has one, is better than its error.
    if (beresp.status >= 500) {
        if (bereq.is_bgfetch || !bereq.http.x-fd-stale) {
            return (abandon);
        }
    }
    # Kept: what the site server marks as a file of the live release (the xkey header names what
    # it shows, so a publish can purge it): its pages (200), its old addresses (301, 410) and
    # their revalidations (a 304 from the site server arrives here as the 200 it renews).
    if (beresp.http.xkey && (beresp.status == 200 || beresp.status == 301 || beresp.status == 410)) {
        call fd_lifetimes;
        # The site server's Cache-Control is for browsers (revalidate every time); the front
        # door's own lifetime was just set, and the builtin VCL must not apply its own.
        return (deliver);
    }
    # Everything else (404s, 429s, search, the feedback form) goes to the reader as it is and
    # is not kept; the next request for it goes to a site server too, not waiting for this one.
    set beresp.ttl = 10s;
    set beresp.grace = 0s;
    set beresp.uncacheable = true;
    return (deliver);
}

sub vcl_backend_error {
    # No answer from a site server (refused, timed out): the reader is served a stale copy if
    # there is one (vcl_synth restarts the request to look for it).
    if (bereq.is_bgfetch || !bereq.http.x-fd-stale) {
        return (abandon);
    }
}

sub vcl_synth {
    # The fetch failed or was abandoned: once more, allowing any stale copy within its grace.
    if (resp.status == 503 && req.restarts == 0 && (req.method == "GET" || req.method == "HEAD") && !req.http.x-fd-pass) {
        set req.http.x-fd-stale = "1";
        return (restart);
    }
}

sub vcl_pass {
    set req.http.x-fd-pass = "1";
}

sub vcl_deliver {
    if (req.http.x-fd-debug) {
        # For operators (apps/front-door/README.md, "Debugging"): the keys stay, and what the
        # front door did is said.
        if (obj.uncacheable) {
            set resp.http.x-front-door = "pass";
        } elsif (obj.hits > 0) {
            set resp.http.x-front-door = "hit, ttl " + obj.ttl + ", grace " + obj.grace;
        } else {
            set resp.http.x-front-door = "miss";
        }
    } else {
        # Readers never see the keys: they are the front door's (and a CDN's) business.
        unset resp.http.xkey;
    }
    unset resp.http.via;
    unset resp.http.x-varnish;
}

acl localhost {
    "127.0.0.1";
    "::1";
}
