/**
 * The cluster's wire format: {@link dev.alr.actors.wire.KryoSerializer}, a Pekko serializer built
 * on Kryo 5 with {@code registrationRequired} and the explicit, ordered class list of
 * {@link dev.alr.actors.wire.WireClasses}. Every payload starts with a format version; actor
 * references travel as their serialized path (Pekko's {@code ActorRefResolver}). A model state of
 * at most {@code StateStreams.INLINE_MAX_BYTES} (192 KiB) travels inside its message with a
 * CRC-32C; bigger ones, of any size, travel beside the messages: {@link dev.alr.actors.wire.StateStreams} offers a state as a
 * Pekko Streams {@code SourceRef} of 128 KiB chunks that the receiver pulls with flow control and
 * verifies by CRC-32C; the message carries only a {@link dev.alr.actors.wire.StatePayload}. Java
 * serialization stays disabled. Received bytes are untrusted: {@code WireInput} and the
 * serializers bound every length before allocating, and a bad payload is refused with a one-line
 * exception that Artery logs once and drops.
 */
package dev.alr.actors.wire;
