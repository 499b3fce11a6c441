// Drives a moto-sgw-server with the AWS SDK for JavaScript v3.
//
//   SGW_ENDPOINT=http://127.0.0.1:5000 node clients/js/scenario.mjs \
//     <happy|gateway-not-found|validation|files-and-tapes>
//
// Prints ONE JSON object (what the scenario observed) on stdout and exits 0, also when it
// observed the error the scenario expects. Any unexpected failure: message on stderr, exit 1.
// tests/clients/test_js_sdk.py runs it and asserts on the JSON.
import {
  ActivateGatewayCommand,
  AddCacheCommand,
  AddUploadBufferCommand,
  CreateCachediSCSIVolumeCommand,
  CreateNFSFileShareCommand,
  CreateSnapshotCommand,
  CreateTapesCommand,
  DescribeCachediSCSIVolumesCommand,
  DescribeGatewayInformationCommand,
  DescribeNFSFileSharesCommand,
  DescribeTapesCommand,
  ListLocalDisksCommand,
  StorageGatewayClient,
} from "@aws-sdk/client-storage-gateway";
import { DeleteSnapshotCommand, DescribeSnapshotsCommand, EC2Client } from "@aws-sdk/client-ec2";

const REGION = "us-east-1";
const ACTIVATION_KEY = "29AV1-3OFV9-VVIUB-NKT0I-LRO6V";
const GIB = 1024 ** 3;
const MISSING_GATEWAY = "arn:aws:storagegateway:us-east-1:123456789012:gateway/sgw-00000000";

const endpoint = process.env.SGW_ENDPOINT;
if (!endpoint) {
  console.error("scenario.mjs: set SGW_ENDPOINT to the moto-sgw-server URL");
  process.exit(1);
}

const config = {
  endpoint,
  region: REGION,
  credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
  maxAttempts: 1, // a mock answers at once; retries would only hide a failure
};
const sgw = new StorageGatewayClient(config);
const ec2 = new EC2Client(config);

/** What an SDK error carries, with absent members as null (JSON drops undefined). */
function describeError(err) {
  return {
    name: err?.name ?? null,
    message: err?.message ?? null,
    errorCode: err?.error?.errorCode ?? null,
    httpStatusCode: err?.$metadata?.httpStatusCode ?? null,
    fault: err?.$fault ?? null,
  };
}

/** Send a command that must fail; its error, described. Success is an unexpected failure. */
async function expectError(client, command) {
  let result;
  try {
    result = await client.send(command);
  } catch (err) {
    if (!err || typeof err.$metadata !== "object") throw err; // not a service error
    return describeError(err);
  }
  const { $metadata, ...body } = result;
  throw new Error(`${command.constructor.name} was expected to fail but returned ${JSON.stringify(body)}`);
}

/** A CACHED gateway with cache (disk 0) and upload buffer (disk 1). */
async function cachedGateway(out) {
  const { GatewayARN } = await sgw.send(
    new ActivateGatewayCommand({
      ActivationKey: ACTIVATION_KEY,
      GatewayName: "js-gateway",
      GatewayTimezone: "GMT",
      GatewayRegion: REGION,
      GatewayType: "CACHED",
    }),
  );
  const { Disks } = await sgw.send(new ListLocalDisksCommand({ GatewayARN }));
  const diskIds = Disks.map((disk) => disk.DiskId);
  const cache = await sgw.send(new AddCacheCommand({ GatewayARN, DiskIds: [diskIds[0]] }));
  const buffer = await sgw.send(new AddUploadBufferCommand({ GatewayARN, DiskIds: [diskIds[1]] }));
  const info = await sgw.send(new DescribeGatewayInformationCommand({ GatewayARN }));
  const ipv4 = info.GatewayNetworkInterfaces?.[0]?.Ipv4Address;
  Object.assign(out, {
    gatewayArn: GatewayARN,
    diskIds,
    addCacheGatewayArn: cache.GatewayARN,
    addUploadBufferGatewayArn: buffer.GatewayARN,
    gatewayState: info.GatewayState ?? null,
    gatewayType: info.GatewayType ?? null,
    ipv4: ipv4 ?? null,
  });
  return { gatewayArn: GatewayARN, ipv4 };
}

async function cachedVolume(gateway, target) {
  return sgw.send(
    new CreateCachediSCSIVolumeCommand({
      GatewayARN: gateway.gatewayArn,
      VolumeSizeInBytes: 5 * GIB,
      TargetName: target,
      NetworkInterfaceId: gateway.ipv4,
      ClientToken: `token-${target}`,
    }),
  );
}

async function happy() {
  const out = {};
  const gateway = await cachedGateway(out);

  const volume = await cachedVolume(gateway, "js-volume");
  out.volumeArn = volume.VolumeARN;
  out.targetArn = volume.TargetARN;

  const described = await sgw.send(new DescribeCachediSCSIVolumesCommand({ VolumeARNs: [volume.VolumeARN] }));
  const info = described.CachediSCSIVolumes?.[0] ?? {};
  out.describedVolumeCount = described.CachediSCSIVolumes?.length ?? 0;
  out.describedVolume = {
    VolumeARN: info.VolumeARN ?? null,
    VolumeId: info.VolumeId ?? null,
    VolumeType: info.VolumeType ?? null,
    VolumeStatus: info.VolumeStatus ?? null,
    VolumeSizeInBytes: info.VolumeSizeInBytes ?? null,
    TargetARN: info.VolumeiSCSIAttributes?.TargetARN ?? null,
  };

  const snapshot = await sgw.send(
    new CreateSnapshotCommand({
      VolumeARN: volume.VolumeARN,
      SnapshotDescription: "js-sdk snapshot",
      Tags: [{ Key: "team", Value: "storage" }],
    }),
  );
  out.snapshotId = snapshot.SnapshotId;
  out.snapshotVolumeArn = snapshot.VolumeARN;

  const { Snapshots } = await ec2.send(new DescribeSnapshotsCommand({ SnapshotIds: [snapshot.SnapshotId] }));
  out.ec2SnapshotCount = Snapshots?.length ?? 0;
  const ebs = Snapshots?.[0] ?? {};
  out.ec2Snapshot = {
    SnapshotId: ebs.SnapshotId ?? null,
    Description: ebs.Description ?? null,
    VolumeId: ebs.VolumeId ?? null,
    VolumeSize: ebs.VolumeSize ?? null,
    State: ebs.State ?? null,
    OwnerId: ebs.OwnerId ?? null,
    Tags: ebs.Tags ?? [],
  };

  const deleted = await ec2.send(new DeleteSnapshotCommand({ SnapshotId: snapshot.SnapshotId }));
  out.deleteHttpStatusCode = deleted.$metadata.httpStatusCode;
  out.afterDelete = await expectError(ec2, new DescribeSnapshotsCommand({ SnapshotIds: [snapshot.SnapshotId] }));
  return out;
}

async function gatewayNotFound() {
  return {
    gatewayArn: MISSING_GATEWAY,
    error: await expectError(sgw, new DescribeGatewayInformationCommand({ GatewayARN: MISSING_GATEWAY })),
  };
}

async function validation() {
  const out = {};
  const gateway = await cachedGateway(out);
  const volume = await cachedVolume(gateway, "js-volume");
  out.volumeArn = volume.VolumeARN;
  const description = "x".repeat(256);
  out.descriptionLength = description.length;
  out.error = await expectError(
    sgw,
    new CreateSnapshotCommand({ VolumeARN: volume.VolumeARN, SnapshotDescription: description }),
  );
  return out;
}

/** An S3 File Gateway's share on a bucket that does not exist, and a tape gateway's tapes. */
async function filesAndTapes() {
  const activate = async (name, type) =>
    (
      await sgw.send(
        new ActivateGatewayCommand({
          ActivationKey: ACTIVATION_KEY,
          GatewayName: name,
          GatewayTimezone: "GMT",
          GatewayRegion: REGION,
          GatewayType: type,
        }),
      )
    ).GatewayARN;
  const files = await activate("js-files", "FILE_S3");
  const { FileShareARN } = await sgw.send(
    new CreateNFSFileShareCommand({
      ClientToken: "js-share-token",
      GatewayARN: files,
      Role: "arn:aws:iam::123456789012:role/js-gateway",
      LocationARN: "arn:aws:s3:::js-bucket-never-made",
    }),
  );
  const shares = await sgw.send(new DescribeNFSFileSharesCommand({ FileShareARNList: [FileShareARN] }));
  const share = shares.NFSFileShareInfoList?.[0] ?? {};
  const missingShare = FileShareARN.replace(/share-[0-9A-F]+$/, "share-00000000");

  const tapes = await activate("js-tapes", "VTL");
  const { Disks } = await sgw.send(new ListLocalDisksCommand({ GatewayARN: tapes }));
  await sgw.send(new AddCacheCommand({ GatewayARN: tapes, DiskIds: [Disks[0].DiskId] }));
  const created = await sgw.send(
    new CreateTapesCommand({
      GatewayARN: tapes,
      TapeSizeInBytes: 100 * GIB,
      ClientToken: "js-tapes-token",
      NumTapesToCreate: 2,
      TapeBarcodePrefix: "JS",
    }),
  );
  const described = await sgw.send(new DescribeTapesCommand({ GatewayARN: tapes }));
  return {
    fileGatewayArn: files,
    fileShareArn: FileShareARN,
    share: {
      FileShareId: share.FileShareId ?? null,
      FileShareStatus: share.FileShareStatus ?? null,
      FileShareName: share.FileShareName ?? null,
      Squash: share.Squash ?? null,
      ClientList: share.ClientList ?? null,
    },
    missingShare: await expectError(sgw, new DescribeNFSFileSharesCommand({ FileShareARNList: [missingShare] })),
    tapeGatewayArn: tapes,
    tapeArns: created.TapeARNs ?? [],
    tapes: (described.Tapes ?? []).map((tape) => ({
      TapeARN: tape.TapeARN ?? null,
      TapeStatus: tape.TapeStatus ?? null,
      TapeSizeInBytes: tape.TapeSizeInBytes ?? null,
    })),
    tapeOnFileGateway: await expectError(
      sgw,
      new CreateTapesCommand({
        GatewayARN: files,
        TapeSizeInBytes: 100 * GIB,
        ClientToken: "js-tapes-token-2",
        NumTapesToCreate: 1,
        TapeBarcodePrefix: "JS",
      }),
    ),
  };
}

const SCENARIOS = { happy, "gateway-not-found": gatewayNotFound, validation, "files-and-tapes": filesAndTapes };

const name = process.argv[2];
const scenario = SCENARIOS[name];
if (!scenario) {
  console.error(`scenario.mjs: unknown scenario ${JSON.stringify(name)}; one of: ${Object.keys(SCENARIOS).join(", ")}`);
  process.exit(1);
}
try {
  const observed = await scenario();
  process.stdout.write(JSON.stringify({ scenario: name, ...observed }) + "\n");
} catch (err) {
  console.error(`scenario ${name} failed unexpectedly:`, err);
  if (err?.$metadata) console.error("error details:", JSON.stringify(describeError(err)));
  process.exit(1);
}
