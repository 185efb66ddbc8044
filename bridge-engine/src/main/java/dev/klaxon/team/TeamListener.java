package dev.klaxon.team;

/** What the team session tells the engine: changes worth an audit row and a log line. */
public interface TeamListener {
    /**
     * @param operator who did it: a person's name, or the engine itself for automatic changes
     * @param what     e.g. {@code team: took the sender lease}
     * @param detail   one line of why
     */
    void changed(String operator, String what, String detail);
}
