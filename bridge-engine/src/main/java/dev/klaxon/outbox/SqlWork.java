package dev.klaxon.outbox;

import java.sql.SQLException;

/** A piece of write work run by the writer thread inside its current transaction. */
@FunctionalInterface
interface SqlWork<T> {
    T apply(WriteStatements statements) throws SQLException;
}
