/** Message rates of the last minutes in fixed buckets, per subject and severity, for the flood chart and sparklines. */
package dev.klaxon.app.rates;
