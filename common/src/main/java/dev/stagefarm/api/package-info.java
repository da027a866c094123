/**
 * The coordinator's REST API as it travels: {@link dev.stagefarm.api.BuildRequest}, the body of
 * {@code POST /api/v1/builds}, and {@link dev.stagefarm.api.BuildView}, a build as the API shows it.
 * The coordinator serves these records and the command line reads them, so both sides agree on
 * the JSON by construction. Immutable records with JDK and Jackson-annotation dependencies only;
 * readers ignore fields they do not know, so a newer coordinator can add fields without breaking
 * an older client. Maps keep their order, which shows in the JSON.
 */
package dev.stagefarm.api;
