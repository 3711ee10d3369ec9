"""Scenarios run by Debian's python3-hvac (a Vault client the test server's authors did not write)
against the test Vault. The client is configured the standard way (VAULT_ADDR, VAULT_CACERT,
VAULT_TOKEN); lists use hvac's strict_http (GET ?list=true), as Node cannot parse LIST. Each
scenario prints one JSON object: what hvac returned, and for each expected failure the exception
class and Vault's `errors` as hvac parsed them."""
import json
import os
import sys

import hvac
import hvac.exceptions


def failure(call):
    try:
        call()
    except hvac.exceptions.VaultError as error:
        return {"exception": type(error).__name__, "errors": error.errors}
    return None


def kv2(client):
    kv = client.secrets.kv.v2
    out = {"authenticated": client.is_authenticated()}
    out["v1"] = kv.create_or_update_secret("app/db", {"password": os.environ["VALUE_ONE"]})["data"]["version"]
    out["v2"] = kv.create_or_update_secret("app/db", {"password": os.environ["VALUE_TWO"]}, cas=1)["data"]["version"]
    out["cas_conflict"] = failure(lambda: kv.create_or_update_secret("app/db", {"password": "x"}, cas=1))
    latest = kv.read_secret_version("app/db")["data"]
    out["latest"] = [latest["data"], latest["metadata"]["version"]]
    out["first"] = kv.read_secret_version("app/db", version=1)["data"]["data"]
    kv.create_or_update_secret("app/api", {"key": "k"})
    out["list"] = kv.list_secrets("app")["data"]["keys"]
    kv.delete_latest_version_of_secret("app/db")
    out["read_deleted"] = failure(lambda: kv.read_secret_version("app/db"))
    kv.undelete_secret_versions("app/db", [2])
    out["undeleted"] = kv.read_secret_version("app/db")["data"]["data"]
    kv.destroy_secret_versions("app/db", [1])
    metadata = kv.read_secret_metadata("app/db")["data"]
    out["metadata"] = [metadata["current_version"], metadata["versions"]["1"]["destroyed"], metadata["versions"]["2"]["deletion_time"]]
    kv.update_metadata("app/db", max_versions=5, cas_required=True)
    out["cas_required"] = failure(lambda: kv.create_or_update_secret("app/db", {"password": "x"}))
    out["patched"] = kv.patch("app/api", {"extra": "e"})["data"]["version"]
    kv.delete_metadata_and_all_versions("app/api")
    out["read_gone"] = failure(lambda: kv.read_secret_version("app/api"))
    return out


def kv1_and_mounts(client):
    client.sys.enable_secrets_engine("kv", path="kv1", options={"version": "1"})
    kv = client.secrets.kv.v1
    kv.create_or_update_secret("shop/db", {"password": os.environ["VALUE_ONE"]}, mount_point="kv1")
    mounts = client.sys.list_mounted_secrets_engines()["data"]
    return {
        "read": kv.read_secret("shop/db", mount_point="kv1")["data"],
        "list": kv.list_secrets("shop", mount_point="kv1")["data"]["keys"],
        "mount_versions": {path: mount["options"]["version"] for path, mount in sorted(mounts.items())},
        "in_use": failure(lambda: client.sys.enable_secrets_engine("kv", path="kv1")),
    }


def approle(client):
    login = client.auth.approle.login(os.environ["ROLE_ID"], os.environ["SECRET_ID"])
    token = login["auth"]["client_token"]
    app = hvac.Client(token=token, strict_http=True)
    self = app.auth.token.lookup_self()["data"]
    renewed = app.auth.token.renew_self(increment="2h")["auth"]
    return {
        "policies": login["auth"]["policies"],
        "lookup": [self["policies"], self["display_name"], self["meta"]],
        "renewed": renewed["lease_duration"],
        "read": app.secrets.kv.v2.read_secret_version("app/db")["data"]["data"],
        "write_denied": failure(lambda: app.secrets.kv.v2.create_or_update_secret("app/db", {"password": "x"})),
        "bad_secret_id": failure(lambda: client.auth.approle.login(os.environ["ROLE_ID"], "wrong")),
        "bad_token": failure(lambda: hvac.Client(token="hvs.wrong").secrets.kv.v2.read_secret_version("app/db")),
    }


def namespace(client):
    scoped = hvac.Client(namespace=os.environ["NAMESPACE"], strict_http=True)
    scoped.secrets.kv.v2.create_or_update_secret("team/db", {"password": os.environ["VALUE_ONE"]})
    return {
        "read": scoped.secrets.kv.v2.read_secret_version("team/db")["data"]["data"],
        "root_namespace": failure(lambda: client.secrets.kv.v2.read_secret_version("team/db")),
    }


def sealed(client):
    client.secrets.kv.v2.create_or_update_secret("s", {"v": os.environ["VALUE_ONE"]})
    client.sys.seal()
    out = {"is_sealed": client.sys.is_sealed(), "read": failure(lambda: client.secrets.kv.v2.read_secret_version("s"))}
    out["unseal"] = client.sys.submit_unseal_key(os.environ["UNSEAL_KEY"])["sealed"]
    out["after"] = client.secrets.kv.v2.read_secret_version("s")["data"]["data"]
    return out


SCENARIOS = {"kv2": kv2, "kv1_and_mounts": kv1_and_mounts, "approle": approle, "namespace": namespace, "sealed": sealed}

if __name__ == "__main__":
    json.dump(SCENARIOS[sys.argv[1]](hvac.Client(strict_http=True)), sys.stdout)
