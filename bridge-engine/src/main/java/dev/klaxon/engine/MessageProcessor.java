package dev.klaxon.engine;

import dev.klaxon.decision.Decision;
import dev.klaxon.decision.Outcome;
import dev.klaxon.decision.RuleHit;
import dev.klaxon.guard.AcceptedSignatures;
import dev.klaxon.guard.ReplayCheck;
import dev.klaxon.guard.SignatureVerifier;
import dev.klaxon.guard.Signatures;
import dev.klaxon.message.AlertMessage;
import dev.klaxon.message.DecodeResult;
import dev.klaxon.message.InboundMessage;
import dev.klaxon.message.MessageDecoder;
import dev.klaxon.route.EventBodyRenderer;
import dev.klaxon.route.RenderedEvent;
import dev.klaxon.route.RouteAction;
import dev.klaxon.route.RouteRule;
import dev.klaxon.route.Router;
import dev.klaxon.route.Subjects;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.UnaryOperator;

/**
 * Decides what happens to one message: validate the subject, route it, check signatures where a route requires
 * them, decode the body, render page events.
 * Pure apart from the clock: the same code answers live traffic and "what would happen" questions ({@code rules
 * test}, the console's explain). Thread-safe.
 */
public final class MessageProcessor {
    /** Subjects shown in reasons are cut to this length so a hostile subject cannot bloat logs and tables. */
    private static final int SHOWN_SUBJECT_CHARS = 120;
    static final String NO_ROUTE = "no route matches; logged so it is not lost";

    private final Clock clock;
    private final MessageDecoder decoder;
    private final EventBodyRenderer renderer;
    private final UnaryOperator<String> environment;
    /**
     * The routes and everything built from them. Read once per message, so a reload swaps every part at once: no
     * message is decided by half of one config and half of another.
     */
    private volatile RouteTable table;

    public MessageProcessor(List<RouteRule> rules, MessageDecoder decoder, Clock clock) {
        this(rules, decoder, clock, System::getenv);
    }

    /** @param environment where {@code require_signature} secrets given by environment variable are read */
    public MessageProcessor(List<RouteRule> rules, MessageDecoder decoder, Clock clock,
                            UnaryOperator<String> environment) {
        this.clock = clock;
        this.decoder = decoder;
        this.environment = environment;
        this.renderer = new EventBodyRenderer(decoder.mapper());
        this.table = new RouteTable(rules, environment, clock);
    }

    /**
     * Decides by {@code rules} from now on (a config reload); signature secrets are read again. Rule hit counts start
     * again from zero, since the rules they counted may be gone or moved. Call it from the processing thread, between
     * messages, so the guards and the outbox see the same rules as each decision.
     */
    public void reroute(List<RouteRule> rules) {
        table = new RouteTable(rules, environment, clock);
    }

    /**
     * Decides a live message and counts it against every rule in its decision. Fields are decoded only when a page
     * rule needs them; validation always runs.
     */
    public Decision decide(InboundMessage inbound) {
        return decide(inbound, null);
    }

    /**
     * Like {@link #decide(InboundMessage)}, and a message whose signature checks out is also checked against, and
     * remembered in, {@code accepted}: a byte-for-byte replay within the freshness window is refused. The live path
     * passes one, for the messages this member pages and (team mode) for those it watches, so a member that takes
     * the lease knows what the team accepted; explain and {@code rules test} must not remember anything.
     *
     * @param accepted null to skip the replay check
     */
    public Decision decide(InboundMessage inbound, AcceptedSignatures accepted) {
        return decide(inbound, accepted, clock.instant());
    }

    /**
     * Like {@link #decide(InboundMessage, AcceptedSignatures)}, decided at {@code now}: the processing loop reads the
     * clock once for a batch of messages rather than once for each.
     */
    public Decision decide(InboundMessage inbound, AcceptedSignatures accepted, Instant now) {
        return decide(inbound, table.routing(inbound), accepted, now);
    }

    /**
     * Like {@link #decide(InboundMessage, AcceptedSignatures, Instant)} with the subject's routing already at hand
     * ({@link #routing}): the processing thread keeps each subject's routing with its stats, so that one lookup a
     * message finds both. Decided by the rules that routing was made from.
     *
     * @param routing the message's routing from {@link #routing}; null for a subject the wire marked unusable
     */
    Decision decide(InboundMessage inbound, SubjectRouting routing, AcceptedSignatures accepted, Instant now) {
        RouteTable current = routing == null ? table : routing.table();
        Decision decision = decide(current, routing, inbound, false, accepted, now);
        List<RuleHit> hits = decision.hits();
        for (int i = 0; i < hits.size(); i++) {
            current.ruleHits.incrementAndGet(hits.get(i).ruleIndex());
        }
        return decision;
    }

    /**
     * The routing of {@code inbound}'s subject by the rules in force: {@code known} when it was made from them, else
     * worked out (or remembered) again. Null when the wire marked the subject unusable.
     */
    SubjectRouting routing(InboundMessage inbound, SubjectRouting known) {
        RouteTable current = table;
        return known != null && known.table() == current ? known : current.routing(inbound);
    }

    /**
     * How many live messages each rule has decided since start, indexed like the rules: a message a rule matched but
     * that was then rejected (bad signature, undecodable body) is not counted. {@link #explain} never counts.
     */
    public long[] ruleHits() {
        AtomicLongArray hits = table.ruleHits;
        long[] counts = new long[hits.length()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = hits.get(i);
        }
        return counts;
    }

    /** True when some route requires a signature, so the engine needs a replay memory. */
    public boolean checksSignatures() {
        return table.signatures.any();
    }

    /** Like {@link #decide} but always decodes every field, for showing a decision in full; counts nothing. */
    public Decision explain(InboundMessage inbound) {
        RouteTable current = table;
        return decide(current, current.routing(inbound), inbound, true, null, clock.instant());
    }

    private Decision decide(RouteTable table, SubjectRouting routing, InboundMessage inbound, boolean decodeFields,
                            AcceptedSignatures accepted, Instant now) {
        Signatures signatures = table.signatures;
        if (routing == null || routing.problem() != null) {
            return Decision.rejected(now, shown(inbound.subject()),
                    routing == null ? inbound.subjectProblem() : routing.problem());
        }
        List<RouteRule> rules = routing.rules();
        if (signatures.any()) {
            for (RouteRule rule : rules) {
                byte[] body = inbound.body() == null ? new byte[0] : inbound.body();
                Optional<String> problem = signatures.problem(rule, body, inbound.headers());
                if (problem.isPresent()) {
                    return Decision.rejected(now, inbound.subject(), rule.label() + ": "
                            + problem.get() + "; never forwarded");
                }
            }
            if (accepted != null) {
                Optional<String> replay = replayProblem(signatures, rules, inbound, accepted);
                if (replay.isPresent()) {
                    return Decision.rejected(now, inbound.subject(), replay.get());
                }
            }
        }
        AlertMessage message = null;
        if (decodeFields || routing.sendsEvent()) {
            DecodeResult decoded = decoder.decode(inbound);
            if (decoded instanceof DecodeResult.Rejected rejected) {
                return Decision.rejected(now, inbound.subject(), rejected.reason());
            }
            message = ((DecodeResult.Decoded) decoded).message();
        } else {
            String problem = decoder.problemWith(inbound.body() == null ? new byte[0] : inbound.body());
            if (problem != null) {
                return Decision.rejected(now, inbound.subject(), problem);
            }
        }
        if (rules.isEmpty()) {
            return new Decision(now, inbound.subject(), Outcome.LOGGED, NO_ROUTE, List.of(), message);
        }
        if (rules.size() == 1) {
            RouteRule rule = rules.get(0);
            RuleHit hit = hit(table, message, rule);
            List<RuleHit> hits = rule.action().sendsEvent() ? List.of(hit) : table.fixedHits[rule.index()];
            return new Decision(now, inbound.subject(), outcomeOf(hit), table.reasonOf(hit), hits, message);
        }
        List<RuleHit> hits = new ArrayList<>(rules.size());
        for (RouteRule rule : rules) {
            hits.add(hit(table, message, rule));
        }
        return new Decision(now, inbound.subject(), outcomeOf(hits), table.reasonOf(hits), hits,
                message);
    }

    /**
     * Checked after every rule's signature passed, so only genuine signatures are remembered (a forged one cannot
     * fill the memory). Named after the first rule that requires a signature, like the other signature rejects.
     */
    private static Optional<String> replayProblem(Signatures signatures, List<RouteRule> rules,
                                                  InboundMessage inbound, AcceptedSignatures accepted) {
        for (RouteRule rule : rules) {
            if (!signatures.requires(rule)) {
                continue;
            }
            Optional<byte[]> signature = SignatureVerifier.signatureOf(inbound.headers());
            if (signature.isEmpty()) {
                return Optional.empty();
            }
            long sequence = inbound.position() == null ? 0 : inbound.position().sequence();
            String problem = accepted.admit(signature.get(), sequence).problem();
            return problem == null ? Optional.empty() : Optional.of(rule.label() + ": " + problem
                    + "; never forwarded");
        }
        return Optional.empty();
    }

    /** True when the subject could not be tracked by name, so stats count it in the invalid bucket. */
    public static boolean subjectIsInvalid(Decision decision, InboundMessage inbound) {
        return decision.outcome() == Outcome.REJECTED && subjectProblem(inbound).isPresent();
    }

    /** What the wire told (bytes that were not UTF-8), else what the text shows; empty for a good subject. */
    private static Optional<String> subjectProblem(InboundMessage inbound) {
        return inbound.subjectProblem() != null ? Optional.of(inbound.subjectProblem())
                : Subjects.problem(inbound.subject());
    }

    private static boolean anySendsEvent(List<RouteRule> rules) {
        for (RouteRule rule : rules) {
            if (rule.action().sendsEvent()) {
                return true;
            }
        }
        return false;
    }

    /** {@code message} is null only for rules that send no event, which need no fields. */
    private RuleHit hit(RouteTable table, AlertMessage message, RouteRule rule) {
        if (!rule.action().sendsEvent()) {
            return table.fixedHits[rule.index()].get(0);
        }
        RenderedEvent event = rule.action() == RouteAction.CHANGE ? renderer.renderChange(message, rule)
                : renderer.render(message, rule);
        return new RuleHit(rule.index(), rule.label(), rule.action(), rule.shadow(), event.body(),
                event.adjustments(), rule);
    }

    /**
     * With several matching rules the most consequential action decides the outcome (an event sent over log over
     * drop).
     */
    private static Outcome outcomeOf(List<RuleHit> hits) {
        Outcome strongest = Outcome.DROPPED;
        for (RuleHit hit : hits) {
            Outcome outcome = outcomeOf(hit);
            if (outcome.ordinal() < strongest.ordinal()) {
                strongest = outcome;
            }
        }
        return strongest;
    }

    private static Outcome outcomeOf(RuleHit hit) {
        return switch (hit.action()) {
            case PAGE, CHANGE -> hit.shadow() ? Outcome.SHADOWED : Outcome.FORWARDED;
            case LOG -> Outcome.LOGGED;
            case DROP -> Outcome.DROPPED;
        };
    }

    private static String reasonFor(RouteRule rule) {
        return switch (rule.action()) {
            case PAGE -> rule.label() + (rule.shadow() ? ": page rendered, not sent (shadow)"
                    : ": page, sent to PagerDuty through the outbox");
            case CHANGE -> rule.label() + (rule.shadow() ? ": change event rendered, not sent (shadow)"
                    : ": change event, sent to PagerDuty through the outbox (pages no one)");
            case LOG -> rule.label() + ": log";
            case DROP -> rule.label() + ": drop";
        };
    }

    private static String shown(String subject) {
        return subject.length() <= SHOWN_SUBJECT_CHARS ? subject : subject.substring(0, SHOWN_SUBJECT_CHARS) + "…";
    }

    /**
     * What the subject's text alone decides under one config's rules, the same for every message on it.
     *
     * @param problem why the subject cannot be used; null when it can (then {@code rules} are its rules)
     * @param table   the rules it was worked out from
     */
    record SubjectRouting(String problem, List<RouteRule> rules, boolean sendsEvent, RouteTable table) {
        static SubjectRouting of(String subject, RouteTable table) {
            Optional<String> problem = Subjects.problem(subject);
            if (problem.isPresent()) {
                return new SubjectRouting(problem.get(), List.of(), false, table);
            }
            List<RouteRule> rules = table.router.route(subject);
            return new SubjectRouting(null, rules, anySendsEvent(rules), table);
        }
    }

    /** The routes of one config and what is built from them; only the hit counters and the subject cache change. */
    static final class RouteTable {
        /**
         * Subjects remembered with their routing: checking a subject and matching it against every rule cost about a
         * fifth of the processing thread in the engine benchmark, a lookup far less. Bounded so a flood of distinct
         * (or hostile, long) subjects costs no more memory than this: past the bound they are worked out each time.
         */
        static final int MAX_REMEMBERED_SUBJECTS = 4_096;
        static final int MAX_REMEMBERED_SUBJECT_CHARS = 256;

        final Router router;
        final Signatures signatures;
        /**
         * Non-page rules always produce the same hit: built once, not per message, and held as a one-hit list, which
         * is the whole hit list of a message only that rule matched.
         */
        final List<RuleHit>[] fixedHits;
        final String[] reasons;
        /**
         * Live messages each rule decided, by rule index. Written by the one processing thread, read by the console:
         * an atomic array costs that thread no more than a plain increment does, and readers see current counts.
         */
        final AtomicLongArray ruleHits;
        private final Map<String, SubjectRouting> bySubject = new ConcurrentHashMap<>();

        RouteTable(List<RouteRule> rules, UnaryOperator<String> environment, Clock clock) {
            this.signatures = new Signatures(rules, environment, clock);
            this.router = new Router(rules);
            @SuppressWarnings("unchecked")
            List<RuleHit>[] fixed = new List[rules.size()];
            this.fixedHits = fixed;
            this.reasons = new String[rules.size()];
            this.ruleHits = new AtomicLongArray(rules.size());
            for (RouteRule rule : rules) {
                reasons[rule.index()] = reasonFor(rule);
                if (!rule.action().sendsEvent()) {
                    fixedHits[rule.index()] = List.of(new RuleHit(rule.index(), rule.label(), rule.action(), false,
                            null, List.of(), rule));
                }
            }
        }

        /** Null when the wire marked the subject unusable: its text is then only an escaped rendering of bytes. */
        SubjectRouting routing(InboundMessage inbound) {
            return inbound.subjectProblem() == null ? routing(inbound.subject()) : null;
        }

        private SubjectRouting routing(String subject) {
            SubjectRouting known = bySubject.get(subject);
            if (known != null) {
                return known;
            }
            SubjectRouting routing = SubjectRouting.of(subject, this);
            if (subject.length() <= MAX_REMEMBERED_SUBJECT_CHARS && bySubject.size() < MAX_REMEMBERED_SUBJECTS) {
                bySubject.put(subject, routing);
            }
            return routing;
        }

        String reasonOf(List<RuleHit> hits) {
            if (hits.size() == 1) {
                return reasonOf(hits.get(0));
            }
            StringBuilder reason = new StringBuilder();
            for (RuleHit hit : hits) {
                if (reason.length() > 0) {
                    reason.append("; ");
                }
                reason.append(reasonOf(hit));
            }
            return reason.toString();
        }

        String reasonOf(RuleHit hit) {
            return reasons[hit.ruleIndex()];
        }
    }
}
