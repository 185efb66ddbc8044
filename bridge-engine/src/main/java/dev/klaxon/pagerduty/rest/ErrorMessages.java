package dev.klaxon.pagerduty.rest;

import java.time.Duration;

/**
 * Turns PagerDuty's error codes and HTTP statuses into messages an operator can act on (FACTS.md "REST errors").
 * PagerDuty's own text ("Arguments Caller Error") rarely says what to do; these do.
 */
final class ErrorMessages {
    private ErrorMessages() {
    }

    /** The message for a failed response; {@code pdMessage} is PagerDuty's text, used when nothing better is known. */
    static String describe(int httpStatus, Integer pdCode, String pdMessage, Duration retryAfter) {
        String byCode = pdCode == null ? null : byCode(pdCode);
        if (byCode != null) {
            return httpStatus == 429 ? rateLimited(retryAfter) : byCode;
        }
        return byStatus(httpStatus, pdMessage, retryAfter);
    }

    static String rateLimited(Duration retryAfter) {
        if (retryAfter == null) {
            return "rate limited by PagerDuty; wait before retrying (no reset time given)";
        }
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        return "rate limited by PagerDuty, retry in " + seconds + "s";
    }

    private static String byCode(int code) {
        switch (code) {
            case 1001:
                return "incident is already resolved";
            case 1002:
                return "incident is already acknowledged";
            case 1003:
                return "invalid incident status";
            case 1004:
                return "invalid incident id";
            case 1006:
                return "cannot escalate: the escalation policy has no such level";
            case 1008:
                return "requester not found: from_email is not a user on this PagerDuty account";
            case 1015:
                return "cannot escalate: nobody is on call at that escalation level";
            case 2001:
                return "PagerDuty rejected the request as invalid input";
            case 2003:
                return "PagerDuty rejected the request: arguments are missing";
            case 2006:
                return "authentication failed: check the PagerDuty API token (api_token_env / api_token_file)";
            case 2011:
                return "PagerDuty needs a requester: set pagerduty.from_email";
            case 2020:
                return "rate limited by PagerDuty";
            case 2100:
            case 5001:
                return "not found on PagerDuty (check the incident id)";
            default:
                return null;
        }
    }

    private static String byStatus(int status, String pdMessage, Duration retryAfter) {
        String suffix = pdMessage == null || pdMessage.isBlank() ? "" : ": " + pdMessage;
        switch (status) {
            case 400:
                return "PagerDuty rejected the request" + suffix;
            case 401:
                return "authentication failed: check the PagerDuty API token (api_token_env / api_token_file)";
            case 402:
                return "the PagerDuty account lacks this feature" + suffix;
            case 403:
                return "the API token is not allowed to do this (check its access level)";
            case 404:
                return "not found on PagerDuty (check the incident id)";
            case 413:
                return "too many incidents in one request" + suffix;
            case 429:
                return rateLimited(retryAfter);
            default:
                if (status >= 500) {
                    return "PagerDuty had a server error (HTTP " + status + "); try again" + suffix;
                }
                return "PagerDuty answered HTTP " + status + suffix;
        }
    }
}
