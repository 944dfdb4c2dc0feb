#!/usr/bin/env python3
"""Loopback imitation of five push platforms' incoming-webhook endpoints.

Used by zonefeed's integration tests. Each platform's behaviour below was written
from that platform's own documentation (cited at the top of each handler), not
from zonefeed's sender code.

Usage:
    python3 tests/tools/alert_receiver.py --port-file FILE [--port N]
        [--wecom-key K] [--dingtalk-token T] [--dingtalk-secret S]
        [--feishu-token T] [--feishu-secret S] [--ntfy-token T]
        [--ntfy-per-minute N] [--dingtalk-block-seconds N]
        [--webhook-secret S]
    python3 tests/tools/alert_receiver.py --self-test

Routes:
    POST /wecom/cgi-bin/webhook/send?key=K
    POST /dingtalk/robot/send?access_token=T&timestamp=TS&sign=SIG
    POST /feishu/open-apis/bot/v2/hook/T
    POST /ntfy/                      (JSON publishing to the server root)
    POST /webhook/<name>             (generic signed JSON webhook)
Control routes:
    GET  /_messages    accepted messages, in arrival order
    GET  /_rejected    rejected requests (including forced failures)
    POST /_fail        {"platform": P, "count": N, "kind": "ratelimit"|"5xx"|"close"}
    POST /_reset       clear messages, rejections, rate windows, forced failures

When a credential flag is not given, any non-empty value is accepted for it and
the corresponding signature check is skipped.

Python 3 standard library only.
"""

import argparse
import base64
import collections
import hashlib
import hmac
import http.client
import json
import os
import re
import secrets
import socket
import string
import sys
import tempfile
import threading
import time
import traceback
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MAX_BODY = 1024 * 1024  # 1 MiB cap on any request body
PLATFORMS = ("wecom", "dingtalk", "feishu", "ntfy", "webhook")
FAIL_KINDS = ("ratelimit", "5xx", "close")


def log(line):
    try:
        sys.stderr.write("[alert_receiver %s] %s\n" % (time.strftime("%H:%M:%S"), line))
        sys.stderr.flush()
    except Exception:
        pass


class BodyTooLarge(Exception):
    pass


class BadRequest(Exception):
    pass


class Reply:
    """What a platform handler decided. accepted=True -> recorded in /_messages."""

    def __init__(self, status, payload, headers=None, accepted=False, reason=None, code=None, body_obj=None):
        self.status = status
        self.payload = payload
        self.headers = headers or {}
        self.accepted = accepted
        self.reason = reason
        self.code = code
        self.body_obj = body_obj


class State:
    def __init__(self, cfg):
        self.cfg = cfg
        self.lock = threading.Lock()
        self._clear()

    def _clear(self):
        self.messages = []
        self.rejected = []
        self.windows = collections.defaultdict(collections.deque)
        self.blocked_until = {}
        self.forced = collections.defaultdict(collections.deque)

    def reset(self):
        with self.lock:
            self._clear()

    def add_message(self, rec):
        with self.lock:
            self.messages.append(rec)

    def add_rejected(self, rec):
        with self.lock:
            self.rejected.append(rec)

    def snapshot(self, which):
        with self.lock:
            return list(self.messages if which == "messages" else self.rejected)

    def add_forced(self, platform, kind, count):
        with self.lock:
            self.forced[platform].extend([kind] * count)

    def take_forced(self, platform):
        with self.lock:
            q = self.forced.get(platform)
            if q:
                return q.popleft()
            return None

    def rate_check_and_record(self, key, limits):
        """Sliding windows. limits = [(max_count, span_seconds), ...].
        Returns True (and records the hit) when every window has room."""
        now = time.monotonic()
        longest = max(span for _, span in limits)
        with self.lock:
            q = self.windows[key]
            while q and now - q[0] >= longest:
                q.popleft()
            for max_count, span in limits:
                in_span = sum(1 for t in q if now - t < span)
                if in_span >= max_count:
                    return False
            q.append(now)
            return True

    def is_blocked(self, key):
        with self.lock:
            until = self.blocked_until.get(key)
            return until is not None and time.monotonic() < until

    def block(self, key, seconds):
        with self.lock:
            self.blocked_until[key] = time.monotonic() + seconds


def parse_json_object(body):
    try:
        obj = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    return obj if isinstance(obj, dict) else None


def utf8_len(s):
    return len(s.encode("utf-8"))


# --------------------------------------------------------------------------
# 企业微信 (WeCom) group robot
# --------------------------------------------------------------------------
def wecom_reply(errcode, errmsg, reason=None, accepted=False, body_obj=None):
    return Reply(200, {"errcode": errcode, "errmsg": errmsg}, accepted=accepted,
                 reason=reason, code=errcode, body_obj=body_obj)


def handle_wecom(state, path, query, headers, body):
    # Docs: 企业微信开发者中心「群机器人配置说明」
    #   https://developer.work.weixin.qq.com/document/path/91770
    #   (read via the copy at https://work.weixin.qq.com/api/doc/90000/90136/91770 and
    #    its reproductions): msgtype text -> text.content "最长不超过2048个字节, 必须是utf8编码";
    #   msgtype markdown -> markdown.content "最长不超过4096个字节, 必须是utf8编码";
    #   "每个机器人发送的消息不能超过20条/分钟" (§消息发送频率限制).
    # Error codes: 全局错误码 https://developer.work.weixin.qq.com/document/path/90313
    #   (read via mirror static.kancloud.cn/dabashan/qiwei/2376083): 40008 不合法的msgtype参数,
    #   45009 接口调用超过限制. 93000 (invalid webhook url) and 40058
    #   ("markdown.content exceed max length 4096") are what the live API answers as seen
    #   in client code; 44004 (empty content) is assumed. All errors are HTTP 200.
    cfg = state.cfg
    key = query.get("key", [""])[0]
    if not key or (cfg.wecom_key is not None and key != cfg.wecom_key):
        return wecom_reply(93000, "invalid webhook url", "wrong key")
    obj = parse_json_object(body)
    if obj is None:
        return wecom_reply(40008, "invalid message type, Warning: wrong json format.", "bad json")
    msgtype = obj.get("msgtype")
    limits = {"text": 2048, "markdown": 4096}
    if msgtype not in limits:
        return wecom_reply(40008, "invalid message type", "unknown msgtype %r" % (msgtype,))
    section = obj.get(msgtype)
    content = section.get("content") if isinstance(section, dict) else None
    if not isinstance(content, str) or content == "":
        return wecom_reply(44004, "empty content", "missing %s.content" % msgtype)
    if utf8_len(content) > limits[msgtype]:
        return wecom_reply(40058, "%s.content exceed max length %d" % (msgtype, limits[msgtype]),
                           "%s.content too long (%d bytes)" % (msgtype, utf8_len(content)))
    if not state.rate_check_and_record("wecom:" + key, [(20, 60.0)]):
        return wecom_reply(45009, "api freq out of limit", "more than 20 messages/minute")
    return wecom_reply(0, "ok", accepted=True, body_obj=obj)


# --------------------------------------------------------------------------
# 钉钉 (DingTalk) custom robot with 加签
# --------------------------------------------------------------------------
def dingtalk_sign(timestamp_ms, secret):
    """base64(HMAC-SHA256(key=secret, msg=timestamp+"\\n"+secret)), NOT url-encoded."""
    string_to_sign = "%s\n%s" % (timestamp_ms, secret)
    digest = hmac.new(secret.encode("utf-8"), string_to_sign.encode("utf-8"), hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


def dingtalk_reply(errcode, errmsg, reason=None, accepted=False, body_obj=None):
    return Reply(200, {"errcode": errcode, "errmsg": errmsg}, accepted=accepted,
                 reason=reason, code=errcode, body_obj=body_obj)


def handle_dingtalk(state, path, query, headers, body):
    # Docs: 钉钉开放平台「自定义机器人接入」https://open.dingtalk.com/document/robots/custom-robot-access
    #   and「自定义机器人安全设置」https://open.dingtalk.com/document/robots/customize-robot-security-settings
    #   (read via copies of those pages: the 常见问题 section and the 加签 section).
    #   加签: timestamp = ms, "与请求调用时间误差不能超过1小时"; string_to_sign = timestamp+"\n"+secret;
    #   HmacSHA256 keyed with secret -> Base64 -> urlEncode, passed as &timestamp=..&sign=..
    #   常见问题: {"errcode":310000,"errmsg":"invalid timestamp"} / "sign not match" (HTTP 200).
    #   "每个机器人每分钟最多发送20条消息到群里, 如果超过20条, 会限流10分钟" -> errcode 130101
    #   "send too fast, exceed 20 times per minute" (the errmsg text as the API returns it).
    #   The 10-minute penalty is opt-in here (--dingtalk-block-seconds, default 0 = off).
    #   300001 "token is not exist" for an unknown access_token and 40035 for a malformed
    #   body are taken from observed API answers, not from the doc pages.
    cfg = state.cfg
    token = query.get("access_token", [""])[0]
    if not token or (cfg.dingtalk_token is not None and token != cfg.dingtalk_token):
        return dingtalk_reply(300001, "token is not exist", "wrong access_token")
    if cfg.dingtalk_secret is not None:
        ts = query.get("timestamp", [""])[0]
        sign = query.get("sign", [""])[0]  # parse_qs already url-decoded it once
        if not ts.isdigit():
            return dingtalk_reply(310000, "invalid timestamp", "missing/non-numeric timestamp")
        if abs(int(time.time() * 1000) - int(ts)) > 3600 * 1000:
            return dingtalk_reply(310000, "invalid timestamp", "timestamp more than 1 hour off")
        expected = dingtalk_sign(ts, cfg.dingtalk_secret)
        if not hmac.compare_digest(sign.encode("utf-8"), expected.encode("utf-8")):
            return dingtalk_reply(310000, "sign not match", "sign mismatch")
    obj = parse_json_object(body)
    if obj is None:
        return dingtalk_reply(40035, "缺少参数 json", "bad json")
    msgtype = obj.get("msgtype")
    if msgtype == "text":
        section = obj.get("text")
        ok = isinstance(section, dict) and isinstance(section.get("content"), str) and section["content"] != ""
        if not ok:
            return dingtalk_reply(40035, "缺少参数 text.content", "missing text.content")
    elif msgtype == "markdown":
        section = obj.get("markdown")
        ok = (isinstance(section, dict)
              and isinstance(section.get("title"), str) and section["title"] != ""
              and isinstance(section.get("text"), str) and section["text"] != "")
        if not ok:
            return dingtalk_reply(40035, "缺少参数 markdown.title/markdown.text", "missing markdown.title/text")
    else:
        return dingtalk_reply(40035, "不支持的消息类型 msgtype", "unsupported msgtype %r" % (msgtype,))
    key = "dingtalk:" + token
    if state.is_blocked(key):
        return dingtalk_reply(130101, "send too fast, exceed 20 times per minute", "blocked after exceeding 20/minute")
    if not state.rate_check_and_record(key, [(20, 60.0)]):
        if cfg.dingtalk_block_seconds > 0:
            state.block(key, cfg.dingtalk_block_seconds)
        return dingtalk_reply(130101, "send too fast, exceed 20 times per minute", "more than 20 messages/minute")
    return dingtalk_reply(0, "ok", accepted=True, body_obj=obj)


# --------------------------------------------------------------------------
# 飞书 (Feishu) custom bot with 签名校验
# --------------------------------------------------------------------------
def feishu_sign(timestamp_s, secret):
    """base64(HMAC-SHA256(key=timestamp+"\\n"+secret, msg=b""))."""
    key = ("%s\n%s" % (timestamp_s, secret)).encode("utf-8")
    return base64.b64encode(hmac.new(key, b"", hashlib.sha256).digest()).decode("ascii")


def feishu_reply(code, msg, reason=None, accepted=False, body_obj=None):
    return Reply(200, {"code": code, "msg": msg, "data": {}}, accepted=accepted,
                 reason=reason, code=code, body_obj=body_obj)


FEISHU_MAX_BODY = 20 * 1024


def handle_feishu(state, path, query, headers, body):
    # Docs: 飞书开放平台「自定义机器人使用指南」
    #   https://open.feishu.cn/document/client-docs/bot-v3/add-custom-bot
    #   (read at https://open.larkoffice.com/document/ukTMukTMukTM/ucTM5YjL3ETO24yNxkjN.md):
    #   "频率控制 ... 单租户单机器人 100 次/分钟, 5 次/秒" -> 11232 限流错误;
    #   "请求体的数据大小不能超过 20 KB".
    #   签名校验 section (via reproductions of the same guide): timestamp (seconds) + "\n" + 密钥
    #   is the HmacSHA256 *key*, the message is empty, result Base64; timestamp and sign go in the
    #   JSON body; timestamp must be within 1 hour -> {"code":19021,"msg":"sign match fail or
    #   timestamp is not within one hour from current time"}; malformed body / body over 20k ->
    #   {"code":9499,"msg":"Bad Request"}. Success {"code":0,"msg":"success","data":{}}.
    #   HTTP status: a live 11232 answer was observed as HTTP 200; the guide does not state the
    #   status for 9499/19021, HTTP 200 is assumed. Wrong hook token -> 19001 (assumed).
    #   Message card: https://open.feishu.cn/document/feishu-cards/quick-start/send-message-cards-with-custom-bot
    #   ({"msg_type":"interactive","card":{...}}).
    cfg = state.cfg
    token = path[len("/feishu/open-apis/bot/v2/hook/"):]
    if not token or (cfg.feishu_token is not None and token != cfg.feishu_token):
        return feishu_reply(19001, "param invalid: incoming webhook access token invalid", "wrong hook token")
    if len(body) > FEISHU_MAX_BODY:
        return feishu_reply(9499, "Bad Request", "body over 20 KB (%d bytes)" % len(body))
    obj = parse_json_object(body)
    if obj is None:
        return feishu_reply(9499, "Bad Request", "bad json")
    if cfg.feishu_secret is not None:
        ts = obj.get("timestamp")
        sign = obj.get("sign")
        ts_str = str(ts) if isinstance(ts, (str, int)) and not isinstance(ts, bool) else ""
        if not ts_str.isdigit() or not isinstance(sign, str):
            return feishu_reply(19021, "sign match fail or timestamp is not within one hour from current time",
                                "missing timestamp/sign")
        if abs(int(time.time()) - int(ts_str)) > 3600:
            return feishu_reply(19021, "sign match fail or timestamp is not within one hour from current time",
                                "timestamp more than 1 hour off")
        if not hmac.compare_digest(sign.encode("utf-8"), feishu_sign(ts_str, cfg.feishu_secret).encode("utf-8")):
            return feishu_reply(19021, "sign match fail or timestamp is not within one hour from current time",
                                "sign mismatch")
    msg_type = obj.get("msg_type")
    if msg_type == "interactive":
        if not isinstance(obj.get("card"), dict):
            return feishu_reply(9499, "Bad Request", "interactive without card object")
    elif msg_type == "text":
        content = obj.get("content")
        if not (isinstance(content, dict) and isinstance(content.get("text"), str) and content["text"] != ""):
            return feishu_reply(9499, "Bad Request", "text without content.text")
    else:
        return feishu_reply(9499, "Bad Request", "unsupported msg_type %r" % (msg_type,))
    if not state.rate_check_and_record("feishu:" + token, [(5, 1.0), (100, 60.0)]):
        return feishu_reply(11232, "frequency limited", "more than 5/second or 100/minute")
    return feishu_reply(0, "success", accepted=True, body_obj=obj)


# --------------------------------------------------------------------------
# ntfy JSON publishing
# --------------------------------------------------------------------------
NTFY_TOPIC_RE = re.compile(r"^[-_A-Za-z0-9]{1,64}$")
NTFY_MESSAGE_LIMIT = 4096


def ntfy_error(status, code, error, reason, headers=None, link=None):
    payload = {"code": code, "http": status, "error": error}
    if link:
        payload["link"] = link
    return Reply(status, payload, headers=headers, reason=reason, code=status)


def handle_ntfy(state, path, query, headers, body):
    # Docs: ntfy "Publishing" https://docs.ntfy.sh/publish/
    #   #publish-as-json: PUT/POST the JSON object to the server *root* URL, not the topic URL;
    #     fields topic (the only required one), message ("set to triggered if empty"), title,
    #     tags (string array), priority (int 1..5), click, actions, attach, markdown, icon, ...
    #   #authentication / access tokens: "Authorization: Bearer tk_..."  (401 "unauthorized").
    #   #limitations: "Each message can be up to 4,096 bytes long" (real ntfy turns a longer
    #     message into an attachment or refuses it; this receiver answers 413 so a test can see it).
    #   Server config https://docs.ntfy.sh/config/#rate-limiting: over the request limit ->
    #     "429 Too Many Requests" (default bucket 60, refilled 1 per 5 s; here a plain sliding
    #     window of --ntfy-per-minute per 60 s, with Retry-After: 1 as the tests require).
    #   Error JSON shape {"code":NNNNN,"http":S,"error":..,"link":..} and codes (40009 topic invalid,
    #   40024 invalid JSON, 40101 unauthorized, 41303 JSON body too large, 42901 too many requests)
    #   from ntfy's server/errors.go; JSON body limit = 2 x message limit (server.go transformBodyJSON).
    cfg = state.cfg
    rest = path[len("/ntfy"):]
    if rest not in ("", "/"):
        return ntfy_error(400, 40000, "JSON publishing must go to the server root URL, not /<topic> "
                          "(https://docs.ntfy.sh/publish/#publish-as-json)", "posted to topic URL")
    if cfg.ntfy_token is not None:
        auth = headers.get("Authorization", "")
        if not hmac.compare_digest(auth.encode("utf-8"), ("Bearer " + cfg.ntfy_token).encode("utf-8")):
            return ntfy_error(401, 40101, "unauthorized", "missing/wrong bearer token",
                              link="https://ntfy.sh/docs/publish/#authentication")
    if len(body) > 2 * NTFY_MESSAGE_LIMIT:
        return ntfy_error(413, 41303, "JSON body too large", "JSON body over %d bytes" % (2 * NTFY_MESSAGE_LIMIT))
    obj = parse_json_object(body)
    if obj is None:
        return ntfy_error(400, 40024, "invalid request: request body must be valid JSON", "bad json")
    topic = obj.get("topic")
    if not isinstance(topic, str) or not NTFY_TOPIC_RE.match(topic):
        return ntfy_error(400, 40009, "invalid request: topic invalid", "missing/invalid topic")
    for field in ("message", "title", "click", "icon", "attach", "filename", "delay", "email"):
        if field in obj and obj[field] is not None and not isinstance(obj[field], str):
            return ntfy_error(400, 40024, "invalid request: request body must be valid JSON",
                              "field %s is not a string" % field)
    tags = obj.get("tags")
    if tags is not None and not (isinstance(tags, list) and all(isinstance(t, str) for t in tags)):
        return ntfy_error(400, 40024, "invalid request: request body must be valid JSON", "tags is not a string array")
    prio = obj.get("priority")
    if prio is not None and (isinstance(prio, bool) or not isinstance(prio, int) or not 0 <= prio <= 5):
        return ntfy_error(400, 40007, "invalid request: priority invalid", "invalid priority")
    message = obj.get("message") or "triggered"
    if utf8_len(message) > NTFY_MESSAGE_LIMIT:
        return ntfy_error(413, 41301, "message too large (ntfy messages are limited to 4,096 bytes)",
                          "message over 4096 bytes (%d)" % utf8_len(message),
                          link="https://ntfy.sh/docs/publish/#limitations")
    if not state.rate_check_and_record("ntfy", [(cfg.ntfy_per_minute, 60.0)]):
        return ntfy_error(429, 42901, "limit reached: too many requests", "rate limit",
                          headers={"Retry-After": "1"}, link="https://ntfy.sh/docs/publish/#limitations")
    now = int(time.time())
    out = {
        "id": "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(12)),
        "time": now,
        "expires": now + 12 * 3600,
        "event": "message",
        "topic": topic,
        "message": message,
    }
    for field in ("title", "click", "icon"):
        if obj.get(field):
            out[field] = obj[field]
    if tags:
        out["tags"] = tags
    if prio:
        out["priority"] = prio
    return Reply(200, out, accepted=True, code=200, body_obj=obj)


# --------------------------------------------------------------------------
# Generic zonefeed JSON webhook (no third-party doc: the contract is zonefeed's own)
# --------------------------------------------------------------------------
def webhook_signature(secret, raw_body):
    return "sha256=" + hmac.new(secret.encode("utf-8"), raw_body, hashlib.sha256).hexdigest()


def handle_webhook(state, path, query, headers, body):
    # Contract given by the test brief (no platform documentation applies):
    #   X-Zonefeed-Signature: sha256=<hex HMAC-SHA256(secret, raw body)> when a secret is set (401),
    #   X-Zonefeed-Delivery non-empty (400), JSON body (400). Success 200 {"ok":true}.
    cfg = state.cfg
    name = path[len("/webhook/"):]
    if not name:
        return Reply(404, {"ok": False, "error": "missing webhook name"}, reason="missing name", code=404)
    if cfg.webhook_secret is not None:
        got = headers.get("X-Zonefeed-Signature", "")
        want = webhook_signature(cfg.webhook_secret, body)
        if not hmac.compare_digest(got.encode("utf-8"), want.encode("utf-8")):
            return Reply(401, {"ok": False, "error": "bad signature"}, reason="bad signature", code=401)
    if not headers.get("X-Zonefeed-Delivery", "").strip():
        return Reply(400, {"ok": False, "error": "missing X-Zonefeed-Delivery"}, reason="missing delivery id", code=400)
    try:
        obj = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return Reply(400, {"ok": False, "error": "body is not JSON"}, reason="bad json", code=400)
    return Reply(200, {"ok": True}, accepted=True, code=200, body_obj=obj)


HANDLERS = {
    "wecom": handle_wecom,
    "dingtalk": handle_dingtalk,
    "feishu": handle_feishu,
    "ntfy": handle_ntfy,
    "webhook": handle_webhook,
}


def forced_reply(platform, kind):
    """Reply for a forced 'ratelimit' or '5xx' failure."""
    reason = "forced " + kind
    if kind == "5xx":
        return Reply(503, {"error": "service unavailable (forced)"}, reason=reason, code=503)
    if platform == "wecom":
        return Reply(200, {"errcode": 45009, "errmsg": "api freq out of limit"}, reason=reason, code=45009)
    if platform == "dingtalk":
        return Reply(200, {"errcode": 130101, "errmsg": "send too fast, exceed 20 times per minute"},
                     reason=reason, code=130101)
    if platform == "feishu":
        return Reply(200, {"code": 11232, "msg": "frequency limited", "data": {}}, reason=reason, code=11232)
    if platform == "ntfy":
        return Reply(429, {"code": 42901, "http": 429, "error": "limit reached: too many requests"},
                     headers={"Retry-After": "1"}, reason=reason, code=429)
    return Reply(429, {"ok": False, "error": "too many requests (forced)"},
                 headers={"Retry-After": "1"}, reason=reason, code=429)


def route_platform(method, path):
    """Returns (platform, allowed_methods) or (None, None)."""
    if path == "/wecom/cgi-bin/webhook/send":
        return "wecom", ("POST",)
    if path == "/dingtalk/robot/send":
        return "dingtalk", ("POST",)
    if path.startswith("/feishu/open-apis/bot/v2/hook/"):
        return "feishu", ("POST",)
    if path == "/ntfy" or path.startswith("/ntfy/"):
        return "ntfy", ("POST", "PUT")
    if path.startswith("/webhook/"):
        return "webhook", ("POST",)
    return None, None


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "zonefeed-alert-receiver/1"

    def log_message(self, fmt, *args):  # replaced by one line per request in _dispatch
        pass

    def do_GET(self):
        self._dispatch()

    def do_POST(self):
        self._dispatch()

    def do_PUT(self):
        self._dispatch()

    def do_DELETE(self):
        self._dispatch()

    # -- plumbing ---------------------------------------------------------
    def _send(self, status, payload, headers=None, close=False):
        data = payload if isinstance(payload, bytes) else json.dumps(payload, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        if close:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        self._sent = True
        self._status = status
        if self.command != "HEAD":
            self.wfile.write(data)

    def _read_body(self):
        te = self.headers.get("Transfer-Encoding", "").lower()
        if "chunked" in te:
            chunks, total = [], 0
            while True:
                line = self.rfile.readline(65537)
                try:
                    size = int(line.split(b";")[0].strip(), 16)
                except ValueError:
                    raise BadRequest("bad chunk size")
                if size == 0:
                    while self.rfile.readline(65537) not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(chunks)
                total += size
                if total > MAX_BODY:
                    raise BodyTooLarge()
                chunks.append(self.rfile.read(size))
                self.rfile.readline(65537)
        cl = self.headers.get("Content-Length")
        if cl is None:
            return b""
        try:
            n = int(cl)
        except ValueError:
            raise BadRequest("bad Content-Length")
        if n < 0:
            raise BadRequest("bad Content-Length")
        if n > MAX_BODY:
            # Drain a moderately oversized body so the client gets to read the 413
            # instead of failing on a reset while it is still writing.
            left = n if n <= 16 * MAX_BODY else 0
            while left > 0:
                chunk = self.rfile.read(min(left, 65536))
                if not chunk:
                    break
                left -= len(chunk)
            raise BodyTooLarge()
        return self.rfile.read(n)

    def _dispatch(self):
        self._sent = False
        self._status = None
        self._note = ""
        self._platform = "-"
        try:
            self._route()
        except Exception:
            tb = traceback.format_exc().strip().replace("\n", " | ")
            log("EXCEPTION in %s %s: %s" % (self.command, self.path, tb))
            if not self._sent:
                try:
                    self._send(500, {"error": "internal error in alert_receiver"}, close=True)
                except Exception:
                    self.close_connection = True
            else:
                self.close_connection = True
        finally:
            log("%s %s -> %s %s %s" % (self.command, self.path,
                                       self._status if self._status is not None else "closed",
                                       self._platform, self._note))

    def _state(self):
        return self.server.state

    def _route(self):
        parts = urllib.parse.urlsplit(self.path)
        path = parts.path
        query = urllib.parse.parse_qs(parts.query, keep_blank_values=True)
        state = self._state()

        # control routes
        if path in ("/_messages", "/_rejected", "/_fail", "/_reset"):
            try:
                body = self._read_body()
            except (BodyTooLarge, BadRequest) as e:
                return self._send(413 if isinstance(e, BodyTooLarge) else 400, {"error": "bad body"}, close=True)
            if path == "/_messages" and self.command == "GET":
                return self._send(200, state.snapshot("messages"))
            if path == "/_rejected" and self.command == "GET":
                return self._send(200, state.snapshot("rejected"))
            if path == "/_reset" and self.command == "POST":
                state.reset()
                return self._send(200, {"ok": True})
            if path == "/_fail" and self.command == "POST":
                obj = parse_json_object(body) or {}
                platform, count, kind = obj.get("platform"), obj.get("count", 1), obj.get("kind")
                if (platform not in PLATFORMS or kind not in FAIL_KINDS or isinstance(count, bool)
                        or not isinstance(count, int) or count < 0):
                    return self._send(400, {"ok": False, "error": "need platform in %s, kind in %s, count >= 0"
                                            % (list(PLATFORMS), list(FAIL_KINDS))})
                state.add_forced(platform, kind, count)
                self._note = "armed %d x %s for %s" % (count, kind, platform)
                return self._send(200, {"ok": True})
            return self._send(405, {"error": "method not allowed"})

        platform, methods = route_platform(self.command, path)
        if platform is None:
            self._read_body_quietly()
            return self._send(404, {"error": "no such route"})
        self._platform = platform
        if self.command not in methods:
            self._read_body_quietly()
            return self._send(405, {"error": "method not allowed"}, headers={"Allow": ", ".join(methods)})

        try:
            body = self._read_body()
        except BodyTooLarge:
            self._reject(platform, "body over 1 MiB", 413)
            return self._send(413, {"error": "request body over 1 MiB"}, close=True)
        except BadRequest as e:
            self._reject(platform, str(e), 400)
            return self._send(400, {"error": str(e)}, close=True)

        kind = state.take_forced(platform)
        if kind == "close":
            self._reject(platform, "forced close", None)
            self._note = "forced close"
            self.close_connection = True
            try:
                self.wfile.flush()
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return None
        if kind is not None:
            reply = forced_reply(platform, kind)
        else:
            reply = HANDLERS[platform](state, path, query, self.headers, body)

        if reply.accepted:
            state.add_message({
                "platform": platform,
                "path": self.path,
                "headers": {k.lower(): v for k, v in self.headers.items()},
                "body": reply.body_obj,
                "time": time.time(),
            })
            self._note = "accepted"
        else:
            self._reject(platform, reply.reason or "rejected", reply.code)
        return self._send(reply.status, reply.payload, headers=reply.headers)

    def _reject(self, platform, reason, code):
        self._note = "rejected: %s (%s)" % (reason, code)
        self._state().add_rejected({"platform": platform, "path": self.path, "reason": reason,
                                    "code": code, "time": time.time()})

    def _read_body_quietly(self):
        try:
            self._read_body()
        except (BodyTooLarge, BadRequest):
            self.close_connection = True


class ReceiverServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, addr, cfg):
        super().__init__(addr, Handler)
        self.state = State(cfg)

    def handle_error(self, request, client_address):
        exc = sys.exc_info()[1]
        log("connection error from %s: %r" % (client_address, exc))


def make_config(**kw):
    ns = argparse.Namespace(wecom_key=None, dingtalk_token=None, dingtalk_secret=None,
                            feishu_token=None, feishu_secret=None, ntfy_token=None,
                            ntfy_per_minute=60, dingtalk_block_seconds=0.0, webhook_secret=None)
    for k, v in kw.items():
        setattr(ns, k, v)
    return ns


def write_port_file(path, port):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(port))
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


# --------------------------------------------------------------------------
# self-test
# --------------------------------------------------------------------------
def _call(base, method, path, body=None, headers=None):
    data = None
    if body is not None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode("utf-8")
    req = urllib.request.Request(base + path, data=data, method=method, headers=dict(headers or {}))
    if data is not None and "Content-Type" not in req.headers:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            raw = resp.read()
            return resp.status, dict(resp.headers), (json.loads(raw) if raw else None)
    except urllib.error.HTTPError as e:
        raw = e.read()
        try:
            parsed = json.loads(raw) if raw else None
        except ValueError:
            parsed = raw
        return e.code, dict(e.headers), parsed


def _expect(cond, what):
    if not cond:
        raise AssertionError("self-test failed: " + what)


def self_test():
    cfg = make_config(wecom_key="wk", dingtalk_token="dt", dingtalk_secret="SECdingtalk",
                      feishu_token="ft", feishu_secret="feishu-secret", ntfy_token="tk_ntfy",
                      webhook_secret="hook-secret")
    server = ReceiverServer(("127.0.0.1", 0), cfg)
    port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = "http://127.0.0.1:%d" % port
    try:
        with tempfile.TemporaryDirectory() as d:
            pf = os.path.join(d, "port")
            write_port_file(pf, port)
            _expect(open(pf).read() == str(port) and not os.path.exists(pf + ".tmp"), "port file")

        # --- wecom: correct, wrong key, too long, then 21 in a row -> 45009
        md = {"msgtype": "markdown", "markdown": {"content": "**zone** changed"}}
        s, _, b = _call(base, "POST", "/wecom/cgi-bin/webhook/send?key=wk", md)
        _expect(s == 200 and b == {"errcode": 0, "errmsg": "ok"}, "wecom ok: %r" % (b,))
        s, _, b = _call(base, "POST", "/wecom/cgi-bin/webhook/send?key=nope", md)
        _expect(s == 200 and b["errcode"] == 93000, "wecom wrong key: %r" % (b,))
        s, _, b = _call(base, "POST", "/wecom/cgi-bin/webhook/send?key=wk",
                        {"msgtype": "markdown", "markdown": {"content": "é" * 2049}})
        _expect(s == 200 and b["errcode"] == 40058, "wecom too long: %r" % (b,))
        _call(base, "POST", "/_reset", {})
        codes = [_call(base, "POST", "/wecom/cgi-bin/webhook/send?key=wk", md)[2]["errcode"] for _ in range(21)]
        _expect(codes[:20] == [0] * 20 and codes[20] == 45009, "wecom 21st -> 45009: %r" % (codes,))

        # --- dingtalk: signature computed independently of dingtalk_sign()
        def ding_query(secret, ts_ms):
            mac = hmac.new(secret.encode(), ("%d\n%s" % (ts_ms, secret)).encode(), hashlib.sha256)
            sig = urllib.parse.quote_plus(base64.b64encode(mac.digest()))
            return "/dingtalk/robot/send?access_token=dt&timestamp=%d&sign=%s" % (ts_ms, sig)
        dmsg = {"msgtype": "markdown", "markdown": {"title": "zonefeed", "text": "### changed"}}
        now_ms = int(time.time() * 1000)
        s, _, b = _call(base, "POST", ding_query("SECdingtalk", now_ms), dmsg)
        _expect(s == 200 and b == {"errcode": 0, "errmsg": "ok"}, "dingtalk ok: %r" % (b,))
        s, _, b = _call(base, "POST", ding_query("SECwrong", now_ms), dmsg)
        _expect(s == 200 and b["errcode"] == 310000 and "sign" in b["errmsg"], "dingtalk bad sign: %r" % (b,))
        s, _, b = _call(base, "POST", ding_query("SECdingtalk", now_ms - 3601 * 1000), dmsg)
        _expect(b["errcode"] == 310000 and "timestamp" in b["errmsg"], "dingtalk stale ts: %r" % (b,))

        # --- feishu
        def fs_body(secret, ts):
            mac = hmac.new(("%d\n%s" % (ts, secret)).encode(), b"", hashlib.sha256)
            return {"timestamp": str(ts), "sign": base64.b64encode(mac.digest()).decode(),
                    "msg_type": "interactive",
                    "card": {"header": {"title": {"tag": "plain_text", "content": "zonefeed"}},
                             "elements": [{"tag": "div", "text": {"tag": "lark_md", "content": "changed"}}]}}
        s, _, b = _call(base, "POST", "/feishu/open-apis/bot/v2/hook/ft", fs_body("feishu-secret", int(time.time())))
        _expect(s == 200 and b == {"code": 0, "msg": "success", "data": {}}, "feishu ok: %r" % (b,))
        s, _, b = _call(base, "POST", "/feishu/open-apis/bot/v2/hook/ft", fs_body("wrong", int(time.time())))
        _expect(s == 200 and b["code"] == 19021, "feishu bad sign: %r" % (b,))
        big = fs_body("feishu-secret", int(time.time()))
        big["card"]["elements"][0]["text"]["content"] = "x" * 21000
        s, _, b = _call(base, "POST", "/feishu/open-apis/bot/v2/hook/ft", big)
        _expect(b["code"] == 9499, "feishu > 20KB: %r" % (b,))

        # --- ntfy
        auth = {"Authorization": "Bearer tk_ntfy"}
        nmsg = {"topic": "zonefeed", "title": "Zone changed", "message": "example.org", "tags": ["warning"],
                "click": "https://example.org/"}
        s, _, b = _call(base, "POST", "/ntfy/", nmsg, auth)
        _expect(s == 200 and b["event"] == "message" and b["topic"] == "zonefeed" and b["id"], "ntfy ok: %r" % (b,))
        s, _, b = _call(base, "POST", "/ntfy/", nmsg, {"Authorization": "Bearer wrong"})
        _expect(s == 401, "ntfy wrong token: %r" % (b,))
        s, _, b = _call(base, "POST", "/ntfy/", dict(nmsg, message="y" * 4097), auth)
        _expect(s == 413, "ntfy too long: %r %r" % (s, b))

        # --- generic webhook
        raw = json.dumps({"event": "zone.changed", "zone": "example.org"}).encode()
        good = {"X-Zonefeed-Signature": "sha256=" + hmac.new(b"hook-secret", raw, hashlib.sha256).hexdigest(),
                "X-Zonefeed-Delivery": "d-1"}
        s, _, b = _call(base, "POST", "/webhook/ops", raw, good)
        _expect(s == 200 and b == {"ok": True}, "webhook ok: %r" % (b,))
        s, _, b = _call(base, "POST", "/webhook/ops", raw, dict(good, **{"X-Zonefeed-Signature": "sha256=00"}))
        _expect(s == 401, "webhook bad sig: %r" % (s,))
        s, _, b = _call(base, "POST", "/webhook/ops", raw, {"X-Zonefeed-Signature": good["X-Zonefeed-Signature"]})
        _expect(s == 400, "webhook missing delivery: %r" % (s,))

        # --- forced failures
        _call(base, "POST", "/_fail", {"platform": "ntfy", "count": 1, "kind": "ratelimit"})
        s, h, b = _call(base, "POST", "/ntfy/", nmsg, auth)
        _expect(s == 429 and h.get("Retry-After") == "1", "forced ntfy ratelimit: %r %r" % (s, h))
        _call(base, "POST", "/_fail", {"platform": "feishu", "count": 1, "kind": "5xx"})
        s, _, b = _call(base, "POST", "/feishu/open-apis/bot/v2/hook/ft", fs_body("feishu-secret", int(time.time())))
        _expect(s == 503, "forced 5xx: %r" % (s,))
        _call(base, "POST", "/_fail", {"platform": "webhook", "count": 1, "kind": "close"})
        try:
            _call(base, "POST", "/webhook/ops", raw, good)
            raise AssertionError("self-test failed: forced close answered")
        except (urllib.error.URLError, ConnectionError, http.client.HTTPException):
            pass

        # --- feishu 5/second window (fresh state)
        _call(base, "POST", "/_reset", {})
        fcodes = [_call(base, "POST", "/feishu/open-apis/bot/v2/hook/ft",
                        fs_body("feishu-secret", int(time.time())))[2]["code"] for _ in range(6)]
        _expect(fcodes[:5] == [0] * 5 and fcodes[5] == 11232, "feishu 6 in 1s: %r" % (fcodes,))

        # --- body cap
        s, _, b = _call(base, "POST", "/webhook/ops", b"x" * (MAX_BODY + 1), good)
        _expect(s == 413, "1 MiB cap: %r" % (s,))

        s, _, msgs = _call(base, "GET", "/_messages")
        _expect(len(msgs) == 5 and all(m["platform"] == "feishu" for m in msgs), "messages: %d" % len(msgs))
        _expect(msgs[0]["headers"].get("content-type") == "application/json" and msgs[0]["body"]["msg_type"],
                "message record shape")
        s, _, rej = _call(base, "GET", "/_rejected")
        _expect([r["code"] for r in rej] == [11232, 413], "rejected: %r" % (rej,))
    finally:
        server.shutdown()
        server.server_close()
    print("self-test ok")


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--port-file")
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--wecom-key")
    p.add_argument("--dingtalk-token")
    p.add_argument("--dingtalk-secret")
    p.add_argument("--dingtalk-block-seconds", type=float, default=0.0,
                   help="after a 130101, keep answering 130101 this long (DingTalk docs: 10 minutes); 0 = off")
    p.add_argument("--feishu-token")
    p.add_argument("--feishu-secret")
    p.add_argument("--ntfy-token")
    p.add_argument("--ntfy-per-minute", type=int, default=60)
    p.add_argument("--webhook-secret")
    p.add_argument("--self-test", action="store_true")
    args = p.parse_args(argv)
    if args.self_test:
        self_test()
        return 0
    if not args.port_file:
        p.error("--port-file is required")
    server = ReceiverServer(("127.0.0.1", args.port), args)
    port = server.server_address[1]
    write_port_file(args.port_file, port)
    log("listening on 127.0.0.1:%d (port written to %s)" % (port, args.port_file))
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
