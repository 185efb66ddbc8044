package dev.klaxon.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Positional words and {@code --name value} options of one command, checked against the options it accepts. */
record Arguments(List<String> positional, Map<String, String> options) {

    static Arguments parse(List<String> args, Set<String> valueOptions) throws UsageException {
        List<String> positional = new ArrayList<>();
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith("--")) {
                String name = arg.substring(2);
                String value = null;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                if (!valueOptions.contains(name)) {
                    throw new UsageException("unknown option --" + name);
                }
                if (value == null) {
                    if (i + 1 >= args.size()) {
                        throw new UsageException("option --" + name + " needs a value");
                    }
                    value = args.get(++i);
                }
                if (options.put(name, value) != null) {
                    throw new UsageException("option --" + name + " given twice");
                }
            } else {
                positional.add(arg);
            }
        }
        return new Arguments(List.copyOf(positional), Map.copyOf(options));
    }

    String option(String name) {
        return options.get(name);
    }
}
