package dev.klaxon.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Positional words and {@code --name value} options of one command, checked against the options it accepts. */
record Arguments(List<String> positional, Map<String, List<String>> options) {

    static Arguments parse(List<String> args, Set<String> valueOptions) throws UsageException {
        return parse(args, valueOptions, Set.of());
    }

    /** @param repeatable options that may be given more than once ({@code --match a=1 --match b=2}) */
    static Arguments parse(List<String> args, Set<String> valueOptions, Set<String> repeatable)
            throws UsageException {
        List<String> positional = new ArrayList<>();
        Map<String, List<String>> options = new HashMap<>();
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
                if (!valueOptions.contains(name) && !repeatable.contains(name)) {
                    throw new UsageException("unknown option --" + name);
                }
                if (value == null) {
                    if (i + 1 >= args.size()) {
                        throw new UsageException("option --" + name + " needs a value");
                    }
                    value = args.get(++i);
                }
                List<String> values = options.computeIfAbsent(name, n -> new ArrayList<>());
                if (!values.isEmpty() && !repeatable.contains(name)) {
                    throw new UsageException("option --" + name + " given twice");
                }
                values.add(value);
            } else {
                positional.add(arg);
            }
        }
        Map<String, List<String>> frozen = new HashMap<>();
        options.forEach((name, values) -> frozen.put(name, List.copyOf(values)));
        return new Arguments(List.copyOf(positional), Map.copyOf(frozen));
    }

    String option(String name) {
        List<String> values = options.get(name);
        return values == null ? null : values.get(0);
    }

    /** Every value of a repeatable option, in the order given; empty when absent. */
    List<String> all(String name) {
        return options.getOrDefault(name, List.of());
    }
}
