package dev.stagefarm.helm;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Properties;

/**
 * What an app reads from the environment a rendered container gives it: the container's env
 * (Secret references resolved from the given Secret contents, as the kubelet does), plus
 * variables the kubelet sets itself, over the app's own application.properties, through
 * SmallRye Config (what Quarkus reads its configuration with) and the app's
 * {@code @ConfigMapping}.
 */
final class AppSettings {
    private AppSettings() {
    }

    /**
     * @param container the rendered container
     * @param secrets Secret name to its data
     * @param kubeletEnv variables the kubelet adds (HOSTNAME)
     * @param mapping the app's {@code @ConfigMapping} interface; its classes hold the app's
     *     application.properties
     */
    static SmallRyeConfig read(JsonNode container, Map<String, Map<String, String>> secrets,
            Map<String, String> kubeletEnv, Class<?> mapping) {
        Map<String, String> env = new HashMap<>(kubeletEnv);
        container.path("env").forEach(e -> env.put(e.path("name").asText(), value(e, secrets)));
        try {
            // Quarkus' own converter for durations ("5s"; plain SmallRye reads ISO-8601 only).
            return new SmallRyeConfigBuilder().addDefaultInterceptors()
                    .withConverter(Duration.class, 200, new DurationConverter())
                    .withSources(new EnvConfigSource(env, EnvConfigSource.ORDINAL))
                    .withSources(new PropertiesConfigSource(applicationProperties(mapping), "application.properties", 250))
                    .withMapping(mapping).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String value(JsonNode entry, Map<String, Map<String, String>> secrets) {
        if (entry.has("value")) {
            return entry.path("value").asText();
        }
        JsonNode ref = entry.path("valueFrom").path("secretKeyRef");
        Map<String, String> secret = secrets.get(ref.path("name").asText());
        if (secret == null || !secret.containsKey(ref.path("key").asText())) {
            throw new NoSuchElementException(entry.path("name").asText() + " refers to " + ref + ", not in the Secrets "
                    + secrets);
        }
        return secret.get(ref.path("key").asText());
    }

    /** The application.properties beside the mapping's class (each app has its own). */
    private static Properties applicationProperties(Class<?> mapping) throws IOException {
        URL location = mapping.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader only = new URLClassLoader(new URL[] {location}, null);
                InputStream in = only.getResourceAsStream("application.properties")) {
            if (in == null) {
                throw new NoSuchElementException("no application.properties in " + location);
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties;
        }
    }
}
