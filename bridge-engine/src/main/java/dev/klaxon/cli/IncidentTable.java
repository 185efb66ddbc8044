package dev.klaxon.cli;

import dev.klaxon.pagerduty.rest.IncidentSummary;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Incidents as a fixed-width text table for a terminal; long titles are cut so one incident stays one line. */
final class IncidentTable {
    static final int MAX_CELL = 60;
    private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'")
            .withZone(ZoneOffset.UTC);
    private static final String[] HEADER = {"#", "ID", "STATUS", "URGENCY", "SERVICE", "CREATED", "ASSIGNED",
        "ALERTS", "TITLE"};

    private IncidentTable() {
    }

    static String render(List<IncidentSummary> incidents) {
        if (incidents.isEmpty()) {
            return "";
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (IncidentSummary incident : incidents) {
            rows.add(new String[] {
                Integer.toString(incident.number()),
                cell(incident.id()),
                cell(incident.status()),
                cell(incident.urgency()),
                cell(incident.serviceName()),
                incident.createdAt() == null ? "-" : CREATED.format(incident.createdAt()),
                cell(String.join(", ", incident.assignees())),
                Integer.toString(incident.alertCounts().all()),
                cell(incident.title())});
        }
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                boolean last = i == row.length - 1;
                text.append(last ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            text.append(System.lineSeparator());
        }
        return text.toString();
    }

    private static String cell(String value) {
        if (value == null || value.isBlank()) {
            return "-";
        }
        // Control characters from a title would break the table (or the terminal).
        String flat = value.replaceAll("\\p{Cntrl}", " ");
        return flat.length() <= MAX_CELL ? flat : flat.substring(0, MAX_CELL - 1) + "…";
    }
}
