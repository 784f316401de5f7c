package dev.mosaic.query.provider;

import dev.mosaic.query.api.Items;
import dev.mosaic.query.api.ProviderView;
import dev.mosaic.query.common.Versioned;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/providers")
class ProviderQueryController {
    private final ProvidersProjection providers;

    ProviderQueryController(ProvidersProjection providers) {
        this.providers = providers;
    }

    @GetMapping
    Items<ProviderView> list() {
        return Items.of(providers.all());
    }

    @GetMapping("/{id}")
    ResponseEntity<ProviderView> one(@PathVariable String id) {
        return Versioned.ok(providers.byId(id), "provider " + id);
    }
}
