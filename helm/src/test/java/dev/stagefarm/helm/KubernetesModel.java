package dev.stagefarm.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads rendered manifests into the Kubernetes object model (fabric8's, generated from the
 * API's OpenAPI schema) and lists the fields the model does not know: a misspelt or misplaced
 * field lands in a model object's {@code additionalProperties} instead of failing.
 */
final class KubernetesModel {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Class<?>> KINDS = Map.of("apps/v1/Deployment", Deployment.class,
            "apps/v1/StatefulSet", StatefulSet.class, "v1/Service", Service.class);

    private KubernetesModel() {
    }

    /** Fields of {@code manifest} unknown to the model, as paths; empty when every field is known. */
    static List<String> unknownFields(JsonNode manifest) {
        String kind = manifest.path("apiVersion").asText() + "/" + manifest.path("kind").asText();
        Class<?> type = KINDS.get(kind);
        if (type == null) {
            return List.of("kind " + kind + " is not one the chart should render");
        }
        List<String> unknown = new ArrayList<>();
        try {
            collect(JSON.treeToValue(manifest, type), kind, unknown);
        } catch (Exception e) {
            unknown.add(kind + ": " + e.getMessage());
        }
        return unknown;
    }

    private static void collect(Object value, String path, List<String> unknown) throws ReflectiveOperationException {
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                collect(list.get(i), path + "[" + i + "]", unknown);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                collect(e.getValue(), path + "." + e.getKey(), unknown);
            }
            return;
        }
        if (value == null || !value.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object field = invoke(getter, value);
            if (getter.getName().equals("getAdditionalProperties")) {
                ((Map<?, ?>) field).keySet().forEach(k -> unknown.add(path + "." + k));
            } else {
                collect(field, path + "." + getter.getName().substring(3), unknown);
            }
        }
    }

    private static Object invoke(Method getter, Object target) throws ReflectiveOperationException {
        try {
            return getter.invoke(target);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(getter + " failed", e.getCause());
        }
    }
}
