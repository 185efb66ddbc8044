/** Storage as the operator sees it: what is wrong with a storage file or directory, in the OS's words, and what to do. */
package dev.klaxon.storage;
