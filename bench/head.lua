-- wrk script: manifest HEAD requests with the OCI manifest Accept header.
wrk.method = "HEAD"
wrk.headers["Accept"] = "application/vnd.oci.image.manifest.v1+json"
