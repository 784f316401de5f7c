package dev.mosaic.server.changerequest;

import dev.mosaic.events.changerequest.ChangeOperation;
import dev.mosaic.server.web.BytesInputStream;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.util.UriComponentsBuilder;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A stored operation as a request of the person applying it: its method, path, query and (secrets opened) JSON
 * body, with the caller's session and security context. It keeps its own attributes, so that dispatching it does
 * not disturb the request that applies it; its conditional headers are dropped (staleness is judged on the fleet).
 */
final class OperationRequest extends HttpServletRequestWrapper {
    private static final Set<String> DROPPED = Set.of(HttpHeaders.IF_MATCH.toLowerCase(), HttpHeaders.IF_NONE_MATCH.toLowerCase(),
            HttpHeaders.CONTENT_TYPE.toLowerCase(), HttpHeaders.CONTENT_LENGTH.toLowerCase());
    private final ChangeOperation operation;
    private final byte[] body;
    private final Map<String, Object> attributes = new HashMap<>();
    private final Map<String, String[]> parameters = new LinkedHashMap<>();

    OperationRequest(HttpServletRequest request, ChangeOperation operation, String openedBody) {
        super(request);
        this.operation = operation;
        this.body = openedBody == null ? new byte[0] : openedBody.getBytes(StandardCharsets.UTF_8);
        if (operation.query() != null && !operation.query().isEmpty()) {
            UriComponentsBuilder.newInstance().query(operation.query()).build(true).getQueryParams()
                    .forEach((name, values) -> parameters.put(name, values.stream()
                            .map(v -> v == null ? "" : java.net.URLDecoder.decode(v, StandardCharsets.UTF_8))
                            .toArray(String[]::new)));
        }
    }

    @Override
    public String getMethod() {
        return operation.method();
    }

    @Override
    public String getRequestURI() {
        return getContextPath() + operation.path();
    }

    @Override
    public StringBuffer getRequestURL() {
        return new StringBuffer(getScheme() + "://" + getServerName() + ":" + getServerPort() + getRequestURI());
    }

    @Override
    public String getServletPath() {
        return operation.path();
    }

    @Override
    public String getPathInfo() {
        return null;
    }

    @Override
    public String getQueryString() {
        return operation.query() == null || operation.query().isEmpty() ? null : operation.query();
    }

    @Override
    public String getParameter(String name) {
        String[] values = parameters.get(name);
        return values == null || values.length == 0 ? null : values[0];
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        return Collections.unmodifiableMap(parameters);
    }

    @Override
    public Enumeration<String> getParameterNames() {
        return Collections.enumeration(parameters.keySet());
    }

    @Override
    public String[] getParameterValues(String name) {
        return parameters.get(name);
    }

    @Override
    public String getContentType() {
        return body.length == 0 ? null : MediaType.APPLICATION_JSON_VALUE;
    }

    @Override
    public int getContentLength() {
        return body.length;
    }

    @Override
    public long getContentLengthLong() {
        return body.length;
    }

    @Override
    public String getHeader(String name) {
        String lower = name.toLowerCase();
        if (lower.equals("content-type")) {
            return getContentType();
        }
        if (lower.equals("content-length")) {
            return String.valueOf(body.length);
        }
        return DROPPED.contains(lower) ? null : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        String value = getHeader(name);
        if (DROPPED.contains(name.toLowerCase())) {
            return Collections.enumeration(value == null ? List.of() : List.of(value));
        }
        return super.getHeaders(name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        List<String> names = Collections.list(super.getHeaderNames()).stream()
                .filter(n -> !DROPPED.contains(n.toLowerCase())).collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
        if (body.length > 0) {
            names.add("Content-Type");
            names.add("Content-Length");
        }
        return Collections.enumeration(names);
    }

    @Override
    public ServletInputStream getInputStream() {
        return new BytesInputStream(body);
    }

    @Override
    public BufferedReader getReader() {
        return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }

    @Override
    public Object getAttribute(String name) {
        return attributes.get(name);
    }

    @Override
    public Enumeration<String> getAttributeNames() {
        return Collections.enumeration(attributes.keySet());
    }

    @Override
    public void setAttribute(String name, Object value) {
        if (value == null) {
            attributes.remove(name);
        } else {
            attributes.put(name, value);
        }
    }

    @Override
    public void removeAttribute(String name) {
        attributes.remove(name);
    }
}
