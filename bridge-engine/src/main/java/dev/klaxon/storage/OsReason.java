package dev.klaxon.storage;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reason the operating system or SQLite gave for a failure, in their own words ("Read-only file system",
 * "database or disk is full"): the part of an error an operator can act on, and the part messages used to drop.
 */
public final class OsReason {
    /** sqlite-jdbc writes "[SQLITE_FULL] Insertion failed because ... (database or disk is full)": keep the last. */
    private static final Pattern SQLITE_DETAIL = Pattern.compile("\\(([^()]*)\\)\\s*$");

    private OsReason() {
    }

    /** The most specific reason found in {@code failure} or its causes; never null. */
    public static String of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String reason = direct(t);
            if (reason != null) {
                return reason;
            }
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }

    private static String direct(Throwable t) {
        if (t instanceof FileSystemException fs) {
            if (fs.getReason() != null) {
                return fs.getReason();
            }
            // The JDK leaves the reason out of these and puts only the path in the message.
            if (fs instanceof AccessDeniedException) {
                return "Permission denied";
            }
            if (fs instanceof FileAlreadyExistsException) {
                return "File exists";
            }
            if (fs instanceof NoSuchFileException) {
                return "No such file or directory";
            }
            if (fs instanceof NotDirectoryException) {
                return "Not a directory";
            }
            return fs.getClass().getSimpleName();
        }
        if (t instanceof SQLException sql && sql.getMessage() != null) {
            Matcher detail = SQLITE_DETAIL.matcher(sql.getMessage());
            return detail.find() ? detail.group(1) : sql.getMessage();
        }
        if (t instanceof IOException io && io.getMessage() != null) {
            return io.getMessage();
        }
        return null;
    }
}
