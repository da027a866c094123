package dev.stagefarm.agent.docker;

import java.util.logging.Level;
import org.jboss.logmanager.LogContext;

/**
 * Outside Quarkus, tests log through JBoss LogManager without a configuration, where every
 * logger answers DEBUG: the HTTP client to the daemon then formats each byte it moves as hex for
 * its "wire" log, which no handler prints, and a 1 GiB copy takes minutes of CPU. Tests that
 * talk to a daemon raise the root level to INFO first (the agent itself runs with Quarkus's
 * INFO default).
 */
public final class TestLogging {

    private TestLogging() {
    }

    public static void infoAndAbove() {
        LogContext.getLogContext().getLogger("").setLevel(Level.INFO);
    }
}
