/** Team mode on JetStream: the stream and consumer, the sender lease, acks after PagerDuty's 202, the fence. */
package dev.klaxon.team;
