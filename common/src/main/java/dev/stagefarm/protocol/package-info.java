/**
 * The wire protocol between the coordinator and the agents: the {@link dev.stagefarm.protocol.StageJob}
 * the coordinator publishes on the job topic, the closed set of {@link dev.stagefarm.protocol.StageEvent}s
 * an agent answers with, and the {@link dev.stagefarm.protocol.ControlMessage}s the coordinator sends
 * back (abort one attempt, cancel a build). All messages are immutable records serialised as JSON by
 * {@link dev.stagefarm.protocol.ProtocolCodec} with a {@code type} discriminator and a
 * {@code schemaVersion}; readers ignore fields they do not know, so a newer writer can add fields
 * without breaking an older reader. Golden files in the tests pin the format.
 */
package dev.stagefarm.protocol;
