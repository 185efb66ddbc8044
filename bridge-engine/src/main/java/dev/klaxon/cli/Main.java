package dev.klaxon.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/** {@code java -jar klaxon-bridge.jar <command>}: the headless bridge. Exit 0 ok, 1 runtime failure, 2 usage/config. */
public final class Main {
    static final int OK = 0;
    static final int FAILURE = 1;
    static final int USAGE = 2;
    /** The installed launcher (the .deb's /usr/bin/klaxon-bridge): what shell completion completes. */
    static final String LAUNCHER = "klaxon-bridge";
    /** How long Ctrl-C or SIGTERM waits for run to close the engine; systemd's default stop timeout is 90 s. */
    private static final long SHUTDOWN_WAIT_SECONDS = 30;

    static final String USAGE_TEXT = """
            Usage: java -jar klaxon-bridge.jar <command> [options]

            Commands:
              run [--config FILE] [--role auto|sender|observer] [--metrics-listen HOST:PORT]
                  [--log-format text|json]
                                                   run the bridge headless until interrupted (--role overrides
                                                   nats.jetstream.role in team mode; metrics, /healthz and
                                                   /readyz on HOST:PORT; JSON-lines logs; SIGHUP or a
                                                   change of the file reloads routes and guards)
              team status [--config FILE]          team mode: who sends, the members, the pager consumer and
                                                   the stream
              rules test SUBJECT [--payload JSON] [--config FILE]
                                                   show which rule a message on SUBJECT matches, the action,
                                                   and the exact PagerDuty event body (routing key masked)
              rules replay --config NEW.yaml [--since 24h] [--current FILE] [--format table|jsonl]
                                                   team mode: NEW's rules over the stream's history next to
                                                   the current ones: pages added, removed, changed; never sends
              config init [--config FILE]          write the commented default config
              config check [--config FILE]         validate a config and summarise it
              incidents list [--status LIST] [--format table|json|jsonl] [--config FILE]
                                                   PagerDuty incidents (default: triggered,acknowledged)
              incident ack|resolve|escalate|snooze|note ID... [--note TEXT] [--level N] [--for 1h] [--config FILE]
                                                   act on incidents (needs pagerduty.api_token_env and from_email)
              event send (--routing-key-env NAME | --routing-key-file PATH) --summary TEXT
                   [--severity S] [--source S] [--dedup-key K] [--action trigger|acknowledge|resolve]
                                                   send one event to PagerDuty now and show its answer
              escalate SUBJECT --payload JSON (--routing-key-env NAME | --routing-key-file PATH) [--severity S]
                                                   force one message to PagerDuty past rules and guards (audited)
              audit export --format jsonl|jsonl+chain|csv [--since 24h] [--subject PATTERN]
                                                   write the audit trail to standard output
                                                   (jsonl+chain: with the chain, for verify --file)
              audit verify [--storage DIR | --file EXPORT.jsonl]
                                                   check the audit chain; names the first broken row
              audit tail [--subject PATTERN]       follow the audit trail until interrupted
              silence add PATTERN --for 1h --reason TEXT [--match field=value|field=~regex]...
                                                   hold back triggers on matching subjects (works while the
                                                   console or run is up; acknowledges and resolves still go)
              silence list [--format table|json|jsonl]
                                                   silences with state, time left and what they matched
              silence expire ID | silence extend ID --for 30m
              silence share                        team mode: move this laptop's silences into the team's
              outbox status                        pending events per routing key, dead letters, delivery rate
              outbox dead-letters [--format table|json|jsonl]
                                                   events PagerDuty refused for good, with its reason
              outbox resend ID...                  send dead letters again (only while no engine runs; with the
                                                   console up, re-send from its dead letters view)
              completion bash|zsh                  print a shell completion script for klaxon-bridge:
                                                   source <(klaxon-bridge completion bash)

            Options:
              --config FILE   config file (default ~/.config/klaxon/klaxon.yaml)
              --help          this text; after a command (silence add --help), that command's options
              --version       the version

            Exit codes: 0 success, 1 runtime failure, 2 usage or config error.
            """;

    private Main() {
    }

    public static void main(String[] args) {
        CliContext context = CliContext.system();
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.countDown();
            // The JVM halts as soon as this hook returns. Wait for the command to finish closing the engine (the
            // last commit of events still waiting for storage, the audit's flush) instead of cutting it off.
            try {
                finished.await(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "klaxon-shutdown"));
        int code = execute(Arrays.asList(args), context, stop);
        finished.countDown();
        System.exit(code);
    }

    /**
     * Runs one command and returns its exit code.
     *
     * @param stop released when a long-running command ({@code run}) must end
     */
    static int execute(List<String> args, CliContext context, CountDownLatch stop) {
        if (args.isEmpty()) {
            context.err().print(USAGE_TEXT);
            return USAGE;
        }
        CommandLine commandLine = CommandTree.build(context, stop);
        // Errors of every kind come back as exit codes (CliErrors); nothing is thrown past here.
        int code = commandLine.execute(args.toArray(String[]::new));
        commandLine.getOut().flush();
        commandLine.getErr().flush();
        return code;
    }

    static String version() {
        try (InputStream in = Main.class.getResourceAsStream("/dev/klaxon/version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
