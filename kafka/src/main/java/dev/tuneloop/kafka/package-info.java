/**
 * Tuneloop on Kafka: many application instances record durably into one flywheel.
 *
 * <p>{@link dev.tuneloop.kafka.KafkaInteractionSink} is the {@link dev.tuneloop.record.InteractionSink} an
 * asynchronous recorder writes to: interactions and feedback events go to two topics, keyed by interaction id, and a
 * batch counts as persisted only once Kafka acknowledged it ({@code acks=all}, idempotent producer).
 * {@link dev.tuneloop.kafka.KafkaBridge} consumes both topics and appends into any {@link dev.tuneloop.store.Store},
 * committing offsets only after the store committed, so a crash replays and the store's idempotent append makes
 * delivery exactly-once in effect; undecodable or invalid records go to a dead-letter topic. Erasure requests travel
 * on a compacted topic ({@link dev.tuneloop.kafka.KafkaInteractionSink#eraseUser}) and every bridge applies them.
 * The wire format is {@link dev.tuneloop.kafka.RecordCodec}: compact, binary, versioned.
 *
 * <p>{@code kafka-clients} appears only in this module.
 */
@NullMarked
package dev.tuneloop.kafka;

import org.jspecify.annotations.NullMarked;
