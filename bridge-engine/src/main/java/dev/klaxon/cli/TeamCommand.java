package dev.klaxon.cli;

import dev.klaxon.config.ConfigException;
import dev.klaxon.config.KlaxonConfig;
import dev.klaxon.nats.NatsConnectionCheck;
import dev.klaxon.team.TeamInspector;
import dev.klaxon.team.TeamStatus;
import io.nats.client.Connection;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

/** {@code team status}: the same facts as the console's Team view, read from outside the team. */
final class TeamCommand {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final CliContext context;

    TeamCommand(CliContext context) {
        this.context = context;
    }

    int status(String configFile) throws UsageException, ConfigException {
        KlaxonConfig config = new ConfigSource(context).load(configFile);
        if (!config.nats().teamMode()) {
            context.err().println("team mode is off in " + config.source()
                    + ": add nats.jetstream (e.g. jetstream: { stream: KLAXON_ALERTS, consumer: klaxon-pager })");
            return Main.USAGE;
        }
        NatsConnectionCheck connector = new NatsConnectionCheck(context.environment(), CONNECT_TIMEOUT,
                context.clock());
        try (Connection connection = connector.open(config.nats())) {
            print(TeamInspector.inspect(connection, config.nats().jetstream(), context.clock()), context.out());
            return Main.OK;
        } catch (IOException e) {
            context.err().println("team status: " + e.getMessage());
            return Main.FAILURE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Main.FAILURE;
        }
    }

    static void print(TeamStatus status, PrintStream out) {
        out.println("sender    " + (status.sender() == null ? "none (nothing is paged until a member takes the lease)"
                : status.sender() + (status.senderSince() == null ? "" : " since " + status.senderSince())
                + (status.leaseAge() == null ? "" : ", lease renewed " + status.leaseAge().toSeconds() + " s ago")));
        TeamStatus.StreamFacts stream = status.stream();
        if (stream != null) {
            out.println("stream    " + stream.name() + ": " + stream.messages() + " messages, last seq "
                    + stream.lastSequence() + (stream.leader() == null ? "" : ", leader " + stream.leader())
                    + (stream.replicas().isEmpty() ? "" : ", replicas " + String.join(", ", stream.replicas())));
        }
        TeamStatus.ConsumerFacts consumer = status.consumer();
        if (consumer != null) {
            out.println("consumer  " + consumer.name() + ": pending " + consumer.pending() + ", ack pending "
                    + consumer.ackPending() + ", redelivered " + consumer.redelivered() + ", oldest unacked "
                    + (consumer.oldestUnacked() == null ? "none" : consumer.oldestUnacked().toSeconds() + " s"));
        }
        out.println("members   " + status.members().size());
        if (!status.members().isEmpty()) {
            out.printf("  %-36s %-9s %-8s %-7s %-10s %7s %s%n", "MEMBER", "ROLE", "KIND", "SENDER", "PAGERDUTY",
                    "OUTBOX", "HEARTBEAT");
            for (TeamStatus.TeamMember member : status.members()) {
                out.printf("  %-36s %-9s %-8s %-7s %-10s %7d %s%n", member.id(), member.role(),
                        member.headless() ? "headless" : "console", member.sender() ? "yes" : "", member.pagerDuty(),
                        member.outboxDepth(), age(member.lastHeartbeat(), status.at()));
            }
        }
        if (status.banner() != null) {
            out.println(status.banner());
        }
    }

    private static String age(Instant then, Instant now) {
        return then == null ? "?" : Math.max(0, Duration.between(then, now).toSeconds()) + " s ago";
    }
}
