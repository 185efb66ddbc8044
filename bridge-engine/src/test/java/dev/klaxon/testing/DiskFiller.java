package dev.klaxon.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Fills a (small, real) filesystem to the last byte with a ballast file, and frees it again: "space returns". */
public final class DiskFiller {
    private DiskFiller() {
    }

    /**
     * Empties the WAL of a SQLite database first (a checkpoint with TRUNCATE), so its next write must grow a file,
     * then writes {@code ballast} until the filesystem refuses. Without the first step SQLite might reuse WAL space
     * it already has and never meet the full disk.
     */
    public static Path fill(Path database, Path ballast) throws IOException, SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database);
             Statement s = c.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        return fill(ballast);
    }

    /** Writes {@code ballast} until the filesystem refuses, in smaller and smaller pieces down to a byte. */
    public static Path fill(Path ballast) throws IOException {
        try (OutputStream out = Files.newOutputStream(ballast)) {
            for (int size = 1 << 16; size >= 1; size >>= 1) {
                byte[] chunk = new byte[size];
                try {
                    while (true) {
                        out.write(chunk);
                        out.flush();
                    }
                } catch (IOException full) {
                    if (!String.valueOf(full.getMessage()).contains("No space left")) {
                        throw full;
                    }
                }
            }
        } catch (IOException e) {
            // Closing may fail to flush the last piece, on a full disk; the file is as full as it gets.
            if (!String.valueOf(e.getMessage()).contains("No space left")) {
                throw e;
            }
        }
        return ballast;
    }
}
