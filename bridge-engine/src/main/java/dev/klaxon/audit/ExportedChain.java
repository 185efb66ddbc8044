package dev.klaxon.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit chain inside a JSONL export, so an auditor can verify a copy without the database: after the row lines,
 * one {@code {"chain":{...}}} line per entry and a last {@code {"chain_end":{"complete":...}}} line. {@code complete}
 * is true when the export was not filtered; only then is a row missing from the copy a break (a filtered copy
 * proves the rows it holds, not that none were left out).
 *
 * <p>A row line's canonical values are rebuilt from the exported fields (times parsed back to epoch milliseconds,
 * attempts re-serialised compactly, which is how the database holds them), so the row hash is the database's.
 */
final class ExportedChain {
    private ExportedChain() {
    }

    static void write(Connection connection, ObjectMapper mapper, Writer out, boolean complete)
            throws SQLException, IOException {
        try (PreparedStatement all = connection.prepareStatement("SELECT " + DatabaseChainCheck.COLUMNS
                + " FROM chain ORDER BY seq");
             ResultSet rs = all.executeQuery()) {
            while (rs.next()) {
                ChainEntry entry = DatabaseChainCheck.entry(rs);
                ObjectNode node = mapper.createObjectNode();
                ObjectNode fields = node.putObject("chain");
                fields.put("seq", entry.seq());
                fields.put("table", entry.table());
                fields.put("row_id", entry.rowId());
                fields.put("at", entry.at());
                fields.put("row_hash", entry.rowHash());
                fields.put("note", entry.note());
                fields.put("prev_hash", entry.prevHash());
                fields.put("hash", entry.hash());
                out.write(mapper.writeValueAsString(node));
                out.write('\n');
            }
        }
        ObjectNode end = mapper.createObjectNode();
        end.putObject("chain_end").put("complete", complete);
        out.write(mapper.writeValueAsString(end));
        out.write('\n');
    }

    private record Line(int number, List<Object> values) {
    }

    static ChainVerification verify(Path file, ChainHasher hasher) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        Map<String, Line> rows = new HashMap<>();
        List<ChainEntry> entries = new ArrayList<>();
        Boolean complete = null;
        int number = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String text = in.readLine(); text != null; text = in.readLine()) {
                number++;
                if (text.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = mapper.readTree(text);
                } catch (JsonProcessingException e) {
                    return unreadable(number, "is not JSON");
                }
                if (node.has("chain")) {
                    entries.add(entry(node.get("chain")));
                } else if (node.has("chain_end")) {
                    complete = node.get("chain_end").path("complete").asBoolean(false);
                } else {
                    String table = tableOf(node.path("kind").asText());
                    if (table == null || !node.path("id").canConvertToLong()) {
                        return unreadable(number, "is neither an audit row nor a chain row");
                    }
                    rows.put(table + "#" + node.get("id").asLong(), new Line(number, values(table, node)));
                }
            }
        }
        if (entries.isEmpty() || complete == null) {
            return unreadable(number, "ends without the chain (an export by an older Klaxon, cut short, or CSV)");
        }
        return walk(hasher, rows, entries, complete);
    }

    private static ChainVerification walk(ChainHasher hasher, Map<String, Line> rows, List<ChainEntry> entries,
                                          boolean complete) {
        ChainEntry anchor = null;
        Map<String, Long> newest = new HashMap<>();
        for (ChainEntry entry : entries) {
            if (entry.anchor()) {
                anchor = entry;
            } else {
                newest.put(entry.table() + "#" + entry.rowId(), entry.seq());
            }
        }
        ChainWalk walk = new ChainWalk(hasher, new ChainWalk.Rows() {
            @Override
            public ChainWalk.Lookup lookup(String table, long id) {
                Line line = rows.get(table + "#" + id);
                if (line != null) {
                    return ChainWalk.Lookup.of(line.values());
                }
                return complete && tableOf(table) != null ? ChainWalk.Lookup.MISSING : ChainWalk.Lookup.UNKNOWN;
            }

            @Override
            public boolean superseded(ChainEntry entry) {
                return newest.getOrDefault(entry.table() + "#" + entry.rowId(), entry.seq()) > entry.seq();
            }
        }, anchor);
        for (ChainEntry entry : entries) {
            if (!walk.accept(entry)) {
                break;
            }
        }
        ChainVerification.Break extra = null;
        if (walk.broken() == null) {
            extra = rowOutsideChain(rows, newest, walk.legacy());
        }
        ChainVerification result = walk.result(extra);
        return withLine(result, rows);
    }

    /** A row line the chain has no entry for, the first in the file. */
    private static ChainVerification.Break rowOutsideChain(Map<String, Line> rows, Map<String, Long> chained,
                                                           Map<String, Long> legacy) {
        Map.Entry<String, Line> first = null;
        for (Map.Entry<String, Line> row : rows.entrySet()) {
            String[] key = row.getKey().split("#");
            boolean older = Long.parseLong(key[1]) <= legacy.getOrDefault(key[0], 0L);
            if (!older && !chained.containsKey(row.getKey())
                    && (first == null || row.getValue().number() < first.getValue().number())) {
                first = row;
            }
        }
        if (first == null) {
            return null;
        }
        String[] key = first.getKey().split("#");
        return new ChainVerification.Break(0, key[0], Long.parseLong(key[1]), "the row is not in the chain");
    }

    /** Names the export's line of the broken row, which is what an auditor holding the copy looks at. */
    private static ChainVerification withLine(ChainVerification result, Map<String, Line> rows) {
        ChainVerification.Break at = result.firstBreak();
        Line line = at == null ? null : rows.get(at.table() + "#" + at.rowId());
        if (line == null) {
            return result;
        }
        return new ChainVerification(result.verifiedUpTo(), result.entries(), new ChainVerification.Break(at.seq(),
                at.table(), at.rowId(), at.reason() + " (line " + line.number() + " of the export)"),
                result.unchainedFrom());
    }

    private static ChainVerification unreadable(int line, String what) {
        return new ChainVerification(0, 0, new ChainVerification.Break(0, "export", null, "line " + line + " "
                + what), Map.of());
    }

    private static ChainEntry entry(JsonNode node) {
        return new ChainEntry(node.path("seq").asLong(), text(node, "table"), number(node, "row_id"),
                number(node, "at"), text(node, "row_hash"), text(node, "note"), text(node, "prev_hash"),
                text(node, "hash"));
    }

    private static String tableOf(String kind) {
        return switch (kind) {
            case "forwarded" -> "forwarded";
            case "action", "actions" -> "actions";
            case "config", "config_loads" -> "config_loads";
            default -> null;
        };
    }

    /** The row's values in {@link ChainTables} column order, from the flattened export fields. */
    private static List<Object> values(String table, JsonNode row) {
        return switch (table) {
            case "forwarded" -> Arrays.asList(millis(row, "recorded_at"), millis(row, "at"), text(row, "subject"),
                    text(row, "rule"), text(row, "dedup_key"), text(row, "event_action"), text(row, "state"),
                    millis(row, "delivered_at"), text(row, "pd_dedup_key"), text(row, "message"),
                    row.path("attempts").isArray() ? row.get("attempts").toString() : text(row, "attempts"),
                    text(row, "body"));
            case "actions" -> Arrays.asList(millis(row, "recorded_at"), millis(row, "at"), text(row, "actor"),
                    text(row, "action"), text(row, "target"), text(row, "state"), text(row, "message"));
            default -> Arrays.asList(millis(row, "recorded_at"), millis(row, "at"), text(row, "target"),
                    text(row, "sha256"), text(row, "state"), text(row, "message"));
        };
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Long number(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value.asLong();
    }

    /** Epoch millis of an exported time; text that is no longer a time stays text, so its row's hash fails. */
    private static Object millis(JsonNode node, String name) {
        String text = text(node, name);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException e) {
            return text;
        }
    }
}
