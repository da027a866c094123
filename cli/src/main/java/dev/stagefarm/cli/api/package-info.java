/**
 * The coordinator's REST API as the command line uses it: {@link dev.stagefarm.cli.api.CoordinatorClient}
 * over the JDK's HTTP client, the request and response records in the coordinator's JSON shape,
 * the server-sent-event framing and an {@link dev.stagefarm.cli.api.EventFollower} that resumes a
 * broken progress stream. Nothing here prints anything.
 */
package dev.stagefarm.cli.api;
