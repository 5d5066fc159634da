# Varnish (Debian's varnish 7) in front of gunicorn: nginx -> Varnish -> gunicorn. pagecache/README.md.
#
# - Caches anonymous GET/HEAD only, for as long as the application's Cache-Control says (s-maxage, set by
#   pagecache only on pages it may cache); every other response passes.
# - A request with a session or messages cookie (signed in, a message waiting), or under /admin/, passes.
# - PURGE from loopback bans every object of the request's host: the application sends one per site on each
#   new generation of its content (wagtail.contrib.frontend_cache, VARNISH_URL). BAN with an X-Ban-Host
#   header does the same for the host named, and without one for every host.
vcl 4.1;

import std;

backend default {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 3s;
    .first_byte_timeout = 30s;
}

acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE" || req.method == "BAN") {
        if (!client.ip ~ purgers) {
            return (synth(405, "Not allowed"));
        }
        if (req.method == "BAN" && !req.http.X-Ban-Host) {
            ban("obj.status != 0");
        } else {
            if (!req.http.X-Ban-Host) {
                set req.http.X-Ban-Host = req.http.host;
            }
            ban("obj.http.X-Cache-Host == " + std.tolower(regsub(req.http.X-Ban-Host, ":\d+$", "")));
        }
        return (synth(200, "Banned"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(en/)?(admin|django-admin)/" || req.url ~ "^/healthz") {
        return (pass);
    }
    if (req.http.Authorization || req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }
    # Anonymous: no other cookie changes a cached page (one with a CSRF form sets a cookie and is never cached).
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    set beresp.http.X-Cache-Host = std.tolower(regsub(bereq.http.host, ":\d+$", ""));
    # Only what the application marked for shared caches; the rest is fetched every time.
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control !~ "s-maxage" || beresp.status != 200) {
        # A hit-for-miss marker, kept two minutes (as Varnish's built-in VCL does): the next requests for this
        # URL go to the application at once, side by side. With a TTL of 0 the marker expired at once and
        # concurrent requests for one URL (a popular search, which the application caches but Varnish must
        # not) queued behind each other on Varnish's waiting list. The marker holds no content; a response
        # that later says s-maxage replaces it.
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # Cache-Control: public, max-age=0, s-maxage=N: Varnish keeps N seconds (its default reading of
    # s-maxage); no grace, so nothing stale is ever served after a boundary or a ban.
    set beresp.grace = 0s;
    return (deliver);
}

sub vcl_deliver {
    unset resp.http.X-Cache-Host;
    if (obj.hits > 0) {
        set resp.http.X-Varnish-Cache = "hit";
    } else {
        set resp.http.X-Varnish-Cache = "miss";
    }
}
