/** References to secrets (an environment variable or a file), resolved only at the moment a secret is needed. */
package dev.klaxon.secret;
