package dev.klaxon.guard;

import dev.klaxon.message.AlertMessage;
import dev.klaxon.route.SubjectPattern;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A silence: triggers on subjects matching {@code pattern} (and every payload matcher) between {@code startsAt} and
 * its end are counted, never sent. Acknowledges and resolves still go, so incidents opened before it can close.
 *
 * @param expiredAt when a person ended it early; null otherwise
 */
public record Silence(long id, SubjectPattern pattern, List<PayloadMatcher> matchers, Instant startsAt,
                      Instant endsAt, String createdBy, String reason, Instant createdAt, Instant expiredAt) {
    public Silence {
        Objects.requireNonNull(pattern, "pattern");
        matchers = matchers == null ? List.of() : List.copyOf(matchers);
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
        Objects.requireNonNull(createdBy, "createdBy");
        reason = reason == null ? "" : reason;
    }

    /** The end that counts: the planned one, or the early expiry if that came first. */
    public Instant effectiveEnd() {
        return expiredAt != null && expiredAt.isBefore(endsAt) ? expiredAt : endsAt;
    }

    public boolean activeAt(Instant now) {
        return !now.isBefore(startsAt) && now.isBefore(effectiveEnd());
    }

    boolean matches(AlertMessage message, RegexCache regexes) {
        if (!pattern.matches(message.subject())) {
            return false;
        }
        for (PayloadMatcher matcher : matchers) {
            if (!matcher.matches(message, regexes)) {
                return false;
            }
        }
        return true;
    }

    /** The texts of this silence's regex matchers. */
    List<String> regexes() {
        return matchers.stream().filter(PayloadMatcher::regex).map(PayloadMatcher::value).toList();
    }

    /** How reasons and tables name it: {@code silence #3 "alerts.prod.db.>" severity=warning}. */
    public String label() {
        StringBuilder label = new StringBuilder("silence #").append(id).append(" \"").append(pattern.text())
                .append('"');
        for (PayloadMatcher matcher : matchers) {
            label.append(' ').append(matcher);
        }
        return label.toString();
    }
}
