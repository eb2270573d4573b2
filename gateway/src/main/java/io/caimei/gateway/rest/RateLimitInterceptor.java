package io.caimei.gateway.rest;

import io.caimei.common.rest.Problem;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import io.caimei.gateway.service.Caller;
import io.caimei.gateway.service.RateLimiter;

/** Rejects a call with 429 once the caller's budget for the current second is spent. */
@RateLimited
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class RateLimitInterceptor {

    private final RateLimiter limiter;
    private final Caller caller;

    public RateLimitInterceptor(RateLimiter limiter, Caller caller) {
        this.limiter = limiter;
        this.caller = caller;
    }

    @AroundInvoke
    Object limit(InvocationContext ctx) throws Exception {
        // never waits for Redis, so it is as safe on an event loop as on a worker thread
        int wait = limiter.check(caller);
        if (wait > 0) {
            throw tooMany(wait);
        }
        return ctx.proceed();
    }

    private static Problem tooMany(int wait) {
        return new Problem(429, "rate-limited", "Too many requests",
                "the request budget of this client for the current second is spent; retry after " + wait + " s")
                .retryAfter(wait);
    }
}
