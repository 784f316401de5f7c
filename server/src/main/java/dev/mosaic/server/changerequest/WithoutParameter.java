package dev.mosaic.server.changerequest;

import dev.mosaic.server.dryrun.QueryParameters;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The request without one query parameter: what the write itself would get, {@code propose} being the gate's. */
final class WithoutParameter extends HttpServletRequestWrapper {
    private final String name;

    WithoutParameter(HttpServletRequest request, String name) {
        super(request);
        this.name = name;
    }

    @Override
    public String getQueryString() {
        String query = super.getQueryString();
        if (query == null) {
            return null;
        }
        String kept = Arrays.stream(query.split("&")).filter(pair -> !QueryParameters.decode(
                        pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair).equals(name))
                .collect(Collectors.joining("&"));
        return kept.isEmpty() ? null : kept;
    }

    @Override
    public String getParameter(String parameter) {
        return parameter.equals(name) ? null : super.getParameter(parameter);
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        Map<String, String[]> parameters = new LinkedHashMap<>(super.getParameterMap());
        parameters.remove(name);
        return Collections.unmodifiableMap(parameters);
    }

    @Override
    public Enumeration<String> getParameterNames() {
        return Collections.enumeration(getParameterMap().keySet());
    }

    @Override
    public String[] getParameterValues(String parameter) {
        return parameter.equals(name) ? null : super.getParameterValues(parameter);
    }
}
