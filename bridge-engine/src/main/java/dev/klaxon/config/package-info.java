/** Reads, validates and edits the YAML config; says where secrets live, never what they are. */
package dev.klaxon.config;
