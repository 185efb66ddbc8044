package dev.klaxon.cli;

import dev.klaxon.secret.SecretRef;
import picocli.CommandLine.Option;

/**
 * {@code --routing-key-env NAME | --routing-key-file PATH}, for the commands that send straight to PagerDuty. Never
 * the key itself: a key on the command line ends up in shell history and {@code ps}.
 */
final class RoutingKeyOptions {
    @Option(names = "--routing-key-env", paramLabel = "NAME",
            description = "the environment variable that holds the routing key")
    String env;

    @Option(names = "--routing-key-file", paramLabel = "PATH", description = "the file that holds the routing key")
    String file;

    /**
     * The one reference given. Checked when the command gets to it, not by the parser, so that a command's mistakes
     * are still told in the order it checks them.
     */
    SecretRef ref(String command) throws UsageException {
        if ((env == null) == (file == null)) {
            throw new UsageException(command + " needs exactly one of --routing-key-env NAME or --routing-key-file "
                    + "PATH (the key itself never goes on the command line)");
        }
        return env != null ? SecretRef.env(env) : SecretRef.file(file);
    }
}
