package dev.klaxon.storage;

/** Whether a storage file takes writes. */
public enum StorageState {
    /** Writes commit. */
    OK,
    /** No space left: writes fail until space returns; Klaxon holds what it can in memory and retries by itself. */
    FULL,
    /** Writes fail for another reason (I/O error, read-only remount, damaged file); retried the same way. */
    FAILING
}
