package dev.mosaic.server.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.PathResourceResolver;

import java.io.IOException;
import java.util.List;

/**
 * Serves the web UI: a static file when one exists, otherwise {@code index.html} for the browser app's own
 * routes. Paths of the API, actuator and OAuth2 endpoints never fall back (they answer 404).
 */
@Configuration
class SinglePageAppConfiguration implements WebMvcConfigurer {
    private static final List<String> NOT_THE_APP = List.of("api/", "actuator/", "oauth2/", "login/");

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/**")
                .addResourceLocations("classpath:/static/")
                .resourceChain(true)
                .addResolver(new PathResourceResolver() {
                    @Override
                    protected Resource getResource(String path, Resource location) throws IOException {
                        Resource resource = location.createRelative(path);
                        if (resource.exists() && resource.isReadable()) {
                            return resource;
                        }
                        boolean reserved = NOT_THE_APP.stream().anyMatch(path::startsWith)
                                || List.of("api", "actuator", "oauth2", "login").contains(path);
                        return reserved ? null : new ClassPathResource("/static/index.html");
                    }
                });
    }
}
