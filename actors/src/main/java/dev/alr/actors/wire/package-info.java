/**
 * The cluster's wire format: {@link dev.alr.actors.wire.KryoSerializer}, a Pekko serializer built
 * on Kryo 5 with {@code registrationRequired} and the explicit, ordered class list of
 * {@link dev.alr.actors.wire.WireClasses}. Every payload starts with a format version; model
 * states travel as raw float buffers with their own format version; actor references travel as
 * their serialized path (Pekko's {@code ActorRefResolver}). Java serialization stays disabled.
 * Received bytes are untrusted: {@code WireInput} and the serializers bound
 * every length before allocating, and a bad payload is refused with a one-line exception that
 * Artery logs once and drops.
 */
package dev.alr.actors.wire;
