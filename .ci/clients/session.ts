// One RoomService session through openapi-fetch, typed by openapi-typescript
// from the fixed openapi.json: every reply is read as its generated type and
// checked. No cast (`as`), no `any`.
//
//   node build/session.js http://127.0.0.1:PORT
//
// `schema.d.ts` is `openapi-typescript openapi.json -o schema.d.ts`.

import createClient from "openapi-fetch";
import type { components, paths } from "./schema.js";

type Schemas = components["schemas"];

// ---- what the document gives a TypeScript user, checked at compile time ----

// The documented codes of an interface are a union of literals: a code the
// interface does not list does not compile here (`@ts-expect-error` fails if
// the line compiles).
const roomMissing: Schemas["GetAnchorsErrorCode"] = 204002;
const roomGone: Schemas["AddAnchorErrorCode"] = 204002;
// @ts-expect-error 203006 is not a code of get_anchors
const notAGetAnchorsCode: Schemas["GetAnchorsErrorCode"] = 203006;
// A payload-less success reply is the envelope, as the server sends it.
const envelope: Schemas["AddAnchorReply"] = { code: 0, message: "Success!", timestamp: 1 };
// A failure can hold any code, documented or not; a success only 0.
const undocumented: Schemas["AddAnchorFailure"] = { code: 299999, message: "new", timestamp: 1 };
// @ts-expect-error a success reply's code is 0
const notASuccess: Schemas["AddAnchorReply"] = { code: 203006, message: "x", timestamp: 1 };
// @ts-expect-error `operation` is one of set, inc, dec
const badOperation: Schemas["SetCustomFieldRequest"] = { roomID: "r", fieldName: "f", operation: "add" };
// The query of every interface but login requires userID and token.
// @ts-expect-error `token` is required
const noToken: paths["/weapp/live_room/get_anchors"]["post"]["parameters"]["query"] = { userID: "u" };
// The limit of TypeScript: a failure's `code` is `<I>ErrorCode | UndocumentedCode`,
// which TypeScript reduces to `number` (it has no "number but 0"), so
// `code === 0` leaves the failure in the union; `succeeded()` below narrows.
function narrowingLimit(reply: Schemas["GetAnchorUrlReply"] | Schemas["GetAnchorUrlFailure"]): void {
  if (reply.code === 0) {
    // @ts-expect-error `code === 0` does not narrow to GetAnchorUrlReply
    void reply.pushURL;
  }
}
void [roomMissing, roomGone, notAGetAnchorsCode, envelope, undocumented, notASuccess, badOperation, noToken, narrowingLimit];

// ---- helpers ----

/** A reply is a success exactly when its `code` is 0. TypeScript cannot say
 * "any number but 0", so a failure's `code` (documented | undocumented) is a
 * `number` and `code === 0` alone does not narrow; this guard does, for
 * every interface. */
function succeeded<R extends { code: number }>(reply: R): reply is Extract<R, { code: 0 }> {
  return reply.code === 0;
}

/** The body of an HTTP 200 reply (every RoomService reply is one). */
function body<T>(result: { data?: T; response: Response }): T {
  if (result.data === undefined) {
    throw new Error(`${result.response.url}: HTTP ${result.response.status}, no reply body`);
  }
  return result.data;
}

function check(condition: boolean, what: string): void {
  if (!condition) {
    throw new Error(`check failed: ${what}`);
  }
  console.log(`ok: ${what}`);
}

function failed(name: string, reply: { code: number; message: string }): Error {
  return new Error(`${name} failed: ${reply.code} ${reply.message}`);
}

// ---- the session ----

const server = process.argv[2];
if (server === undefined) {
  throw new Error("usage: node session.js SERVER_URL");
}
const client = createClient<paths>({ baseUrl: server });
const userID = `ts-${process.pid}-${Date.now()}`;

// login
const login = body(
  await client.POST("/weapp/live_room/login", {
    params: { query: { sdkAppID: "1400000000", userID, userSig: `sig-${userID}`, platform: "TypeScript" } },
  }),
);
if (!succeeded(login)) throw failed("login", login);
check(login.userID === userID && login.token.length > 0, `login: ${login.userID} has a token`);
const auth = { userID, token: login.token };

// get_anchor_url
const urls = body(
  await client.POST("/weapp/live_room/get_anchor_url", { params: { query: auth }, body: { userID } }),
);
if (!succeeded(urls)) throw failed("get_anchor_url", urls);
check(urls.pushURL.startsWith("rtmp://") && urls.accelerateURL.startsWith("rtmp://"), "get_anchor_url: push and play URLs");

// create_room
const created = body(
  await client.POST("/weapp/live_room/create_room", {
    params: { query: auth },
    body: { userID, roomInfo: "session.ts" },
  }),
);
if (!succeeded(created)) throw failed("create_room", created);
const roomID = created.roomID;
check(roomID.length > 0, `create_room: ${roomID}`);

// add_anchor, with the push URL get_anchor_url gave
const joined = body(
  await client.POST("/weapp/live_room/add_anchor", {
    params: { query: auth },
    body: { roomID, userID, userName: "TS", userAvatar: "", pushURL: urls.pushURL },
  }),
);
if (!succeeded(joined)) throw failed("add_anchor", joined);
check(joined.code === 0 && joined.message.length > 0 && joined.timestamp > 0, "add_anchor: the envelope alone");

// get_room_list, page by page (other clients of the server may have made rooms)
type Room = Schemas["Room"];
let listed: Room | undefined;
for (let index = 0; listed === undefined && index < 10_000; index += 100) {
  const page = body(
    await client.POST("/weapp/live_room/get_room_list", { params: { query: auth }, body: { cnt: 100, index } }),
  );
  if (!succeeded(page)) throw failed("get_room_list", page);
  if (page.rooms.length === 0) break;
  listed = page.rooms.find((room) => room.roomID === roomID);
}
check(listed !== undefined && listed.roomCreator === userID && listed.roomInfo === "session.ts", "get_room_list: the room, by its creator");

// get_anchors
const anchors = body(
  await client.POST("/weapp/live_room/get_anchors", { params: { query: auth }, body: { roomID } }),
);
if (!succeeded(anchors)) throw failed("get_anchors", anchors);
check(
  anchors.roomID === roomID && anchors.roomCreator === userID && anchors.pushers.some((anchor) => anchor.userID === userID),
  "get_anchors: the creator is an anchor",
);

// set_custom_field: set, then inc
const set = body(
  await client.POST("/weapp/live_room/set_custom_field", {
    params: { query: auth },
    body: { roomID, fieldName: "title", operation: "set", value: "hello" },
  }),
);
if (!succeeded(set)) throw failed("set_custom_field set", set);
check(set.code === 0, "set_custom_field: set title");
for (const step of [2, 3]) {
  const inc = body(
    await client.POST("/weapp/live_room/set_custom_field", {
      params: { query: auth },
      body: { roomID, fieldName: "praise", operation: "inc", value: step },
    }),
  );
  if (!succeeded(inc)) throw failed("set_custom_field inc", inc);
  check(inc.code === 0, `set_custom_field: inc praise by ${step}`);
}

// get_custom_info
const custom = body(
  await client.POST("/weapp/live_room/get_custom_info", { params: { query: auth }, body: { roomID } }),
);
if (!succeeded(custom)) throw failed("get_custom_info", custom);
check(custom.custom["title"] === "hello" && custom.custom["praise"] === 5, "get_custom_info: title and praise");

// Two error replies: their codes are the interfaces' own.
const missing = body(
  await client.POST("/weapp/live_room/get_anchors", { params: { query: auth }, body: { roomID: `${roomID}-missing` } }),
);
if (succeeded(missing)) throw new Error("get_anchors of a missing room succeeded");
check(missing.code === roomMissing && missing.message.length > 0, `get_anchors of a missing room: ${missing.code}`);

const refused = body(
  await client.POST("/weapp/live_room/add_anchor", {
    params: { query: auth },
    body: { roomID: `${roomID}-missing`, userID, userName: "TS", userAvatar: "", pushURL: urls.pushURL },
  }),
);
if (succeeded(refused)) throw new Error("add_anchor to a missing room succeeded");
check(refused.code === roomGone, `add_anchor to a missing room: ${refused.code}`);

// logout
const out = body(await client.POST("/weapp/live_room/logout", { params: { query: auth } }));
if (!succeeded(out)) throw failed("logout", out);
check(out.code === 0, "logout");

console.log("session.ts: 14 calls, every reply as its generated type");
