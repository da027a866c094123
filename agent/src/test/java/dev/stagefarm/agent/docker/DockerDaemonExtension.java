package dev.stagefarm.agent.docker;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit extension that gives tests a {@link TestDocker}: one private daemon with a busybox
 * image, started on first use and shared by every test class of the run, stopped when the run
 * ends. Use with {@code @ExtendWith(DockerDaemonExtension.class)} and a {@code TestDocker}
 * parameter.
 */
public final class DockerDaemonExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestDocker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL);
        return store.getOrComputeIfAbsent(TestDocker.class, key -> TestDocker.start(), TestDocker.class);
    }
}
