package dev.mosaic.server.web;

import dev.mosaic.query.api.InvalidQueryParameterException;
import dev.mosaic.server.dryrun.DryRunPaths;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.BeanUtils;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.lang.reflect.Method;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A write (POST, PUT, PATCH, DELETE) answers a query parameter it does not define with 400 naming it, before its
 * handler runs, so that {@code ?dryrun=true} (a typo) or a parameter this server does not know never applies a
 * change meant as a preview. What a write defines: its {@code @RequestParam}s (a {@code @RequestParam Map} takes
 * anything), and {@code dryRun} where {@link DryRunPaths} offers it. Only the query string counts, never a form
 * body; reads (GET, HEAD) stay lenient.
 */
@Configuration
class UnknownWriteParameters implements WebMvcConfigurer {
    static final String MESSAGE = "is not a parameter of this operation";

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new Check());
    }

    static final class Check implements HandlerInterceptor {
        private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
        private static final String AGENTS = "/api/internal/";
        private static final ParameterNameDiscoverer PARAMETER_NAMES = new DefaultParameterNameDiscoverer();
        private static final Declared ANY = new Declared(true, Set.of());
        private final Map<Method, Declared> declared = new ConcurrentHashMap<>();

        private record Declared(boolean any, Set<String> names) {
        }

        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
            // Only API operations (handler methods) on their first dispatch: an error page or async dispatch repeats
            // none of the request's choices, and other handlers (static files) take no writes.
            if (!(handler instanceof HandlerMethod method) || request.getDispatcherType() != DispatcherType.REQUEST
                    || !WRITES.contains(request.getMethod()) || request.getQueryString() == null) {
                return true;
            }
            // Agents' reports (/api/internal/**) are facts, never previews, and an agent may be newer than this server.
            if (pattern(request).startsWith(AGENTS)) {
                return true;
            }
            Declared accepted = declared.computeIfAbsent(method.getMethod(), m -> declaredBy(method));
            if (accepted.any()) {
                return true;
            }
            for (String name : names(request.getQueryString())) {
                boolean dryRun = name.equals(DryRunPaths.PARAMETER) && DryRunPaths.offeredOn(request.getRequestURI());
                if (!dryRun && !accepted.names().contains(name)) {
                    throw new InvalidQueryParameterException(name, MESSAGE);
                }
            }
            return true;
        }

        /** The handler's mapped pattern (the path as Spring routed it), else the request URI. */
        private static String pattern(HttpServletRequest request) {
            Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
            return pattern != null ? pattern.toString() : request.getRequestURI();
        }

        private static Declared declaredBy(HandlerMethod handler) {
            String[] discovered = PARAMETER_NAMES.getParameterNames(handler.getMethod());
            Set<String> names = new HashSet<>();
            for (MethodParameter parameter : handler.getMethodParameters()) {
                Class<?> type = parameter.nestedIfOptional().getNestedParameterType();
                String own = discovered == null ? null : discovered[parameter.getParameterIndex()];
                RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
                if (param == null) {
                    // Spring binds an unannotated simple value (a String, an int) from the request parameter of its name
                    if (parameter.getParameterAnnotations().length == 0 && BeanUtils.isSimpleProperty(type) && own != null) {
                        names.add(own);
                    }
                    continue;
                }
                String name = !param.name().isEmpty() ? param.name() : param.value();
                if (name.isEmpty() && Map.class.isAssignableFrom(type)) {
                    return ANY;
                }
                if (!name.isEmpty() || own != null) {
                    names.add(name.isEmpty() ? own : name);
                }
            }
            return new Declared(false, Set.copyOf(names));
        }

        /** The names in a raw query string, decoded as the servlet container decodes them; empty names are dropped. */
        static List<String> names(String query) {
            List<String> names = new ArrayList<>();
            for (String pair : query.split("&")) {
                String raw = pair.split("=", 2)[0];
                if (raw.isEmpty()) {
                    continue;
                }
                try {
                    names.add(URLDecoder.decode(raw, StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    names.add(raw); // RequestSanityFilter refuses such a query before it gets here
                }
            }
            return names;
        }
    }
}
