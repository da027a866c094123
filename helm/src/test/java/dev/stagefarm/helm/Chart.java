package dev.stagefarm.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.DryRun;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The chart in {@code stagefarm/} of this module, linted and rendered by the real Helm that
 * helm-java bundles. Values are given as YAML text, merged over the chart's values.yaml as Helm
 * merges a {@code -f} file.
 */
final class Chart {
    static final Path DIR = Path.of("stagefarm").toAbsolutePath();
    static final String RELEASE = "farm";
    static final String NAMESPACE = "builds";
    static final ObjectMapper YAML = new YAMLMapper();

    private Chart() {
    }

    /** {@code helm template farm stagefarm -n builds -f <values>}. */
    static Rendered render(String valuesYaml) {
        Path values = write("values", valuesYaml);
        try {
            String out = new Helm(DIR).template().withName(RELEASE).withNamespace(NAMESPACE).withValuesFile(values)
                    .call();
            return new Rendered(parse(out));
        } finally {
            delete(values);
        }
    }

    static Rendered render() {
        return render("{}");
    }

    /** The NOTES.txt an install prints: {@code helm install --dry-run=client}, no cluster asked. */
    static String notes(String valuesYaml) {
        Path values = write("values", valuesYaml);
        try {
            String out = new Helm(DIR).install().withName(RELEASE).withNamespace(NAMESPACE).withValuesFile(values)
                    .dryRun().withDryRunOption(DryRun.CLIENT).clientOnly().call().getOutput();
            return out.substring(out.indexOf("NOTES:"));
        } finally {
            delete(values);
        }
    }

    /** {@code helm lint --strict} of the chart with its own values.yaml. */
    static LintResult lint() {
        return new Helm(DIR).lint().strict().call();
    }

    /**
     * {@code helm lint --strict} with other values: helm-java's lint takes no values file, so
     * the chart is copied and its values.yaml replaced by the merged values.
     */
    static LintResult lint(String valuesYaml) {
        return lintCopy(chart -> {
            JsonNode merged = merge(YAML.readTree(DIR.resolve("values.yaml").toFile()), YAML.readTree(valuesYaml));
            YAML.writeValue(chart.resolve("values.yaml").toFile(), merged);
        });
    }

    /** {@code helm lint --strict} of a copy of the chart with one more template. */
    static LintResult lintWithExtraTemplate(String name, String template) {
        return lintCopy(chart -> Files.writeString(chart.resolve("templates").resolve(name), template));
    }

    private interface ChartChange {
        void apply(Path chart) throws IOException;
    }

    private static LintResult lintCopy(ChartChange change) {
        Path copy = null;
        try {
            copy = Files.createTempDirectory("stagefarm-chart");
            Path chart = copy.resolve("stagefarm");
            copyTree(DIR, chart);
            change.apply(chart);
            return new Helm(chart).lint().strict().call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (copy != null) {
                delete(copy);
            }
        }
    }

    private static List<JsonNode> parse(String manifests) {
        List<JsonNode> docs = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(manifests)) {
            Iterator<JsonNode> it = YAML.readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                    docs.add(doc);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return docs;
    }

    /** Helm's merge of a values file: maps merge key by key, anything else replaces. */
    private static JsonNode merge(JsonNode base, JsonNode override) {
        if (!(base instanceof ObjectNode target) || !override.isObject()) {
            return override;
        }
        for (Map.Entry<String, JsonNode> field : override.properties()) {
            JsonNode current = target.get(field.getKey());
            target.set(field.getKey(), current == null ? field.getValue() : merge(current, field.getValue()));
        }
        return target;
    }

    private static Path write(String name, String text) {
        try {
            Path file = Files.createTempFile(name, ".yaml");
            Files.writeString(file, text);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }

    private static void delete(Path path) {
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
