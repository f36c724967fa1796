import { Construct } from 'constructs';
import { Fn } from 'cdktf';
import { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository';
import { DataAwsEcrImage } from '@cdktf/provider-aws/lib/data-aws-ecr-image';
import { DataAwsEcrAuthorizationToken } from '@cdktf/provider-aws/lib/data-aws-ecr-authorization-token';
import { DockerProvider } from '@cdktf/provider-docker/lib/provider';
import { Image } from '@cdktf/provider-docker/lib/image';
import { RegistryImage } from '@cdktf/provider-docker/lib/registry-image';
import { CpuArchitecture } from './config';

/** Build the image from the repository's Dockerfile during `apply` and push it. */
export interface BuildImageSource {
  readonly kind: 'build';
  /** Docker build context, relative to the stack's Terraform working directory (or absolute). */
  readonly contextPath: string;
  /** The commit the image is tagged with (requirement 2.3). */
  readonly gitSha: string;
  /**
   * Dockerfile inside the context.
   * @default Dockerfile
   */
  readonly dockerfile?: string;
}

/** Use a tag already pushed to the repository (CI, Terraform Cloud: no Docker daemon). */
export interface PrePushedImageSource {
  readonly kind: 'pre-pushed';
  readonly tag: string;
}

/** Properties of {@link ContainerImage}. */
export interface ContainerImageProps {
  readonly repository: EcrRepository;
  readonly source: BuildImageSource | PrePushedImageSource;
  /**
   * CPU architecture of the tasks; the build targets the matching platform.
   * @default ARM64
   */
  readonly cpuArchitecture?: CpuArchitecture;
}

/**
 * The dashboard image in ECR, addressed by digest (requirement 2.4).
 *
 * Build mode: the docker provider builds the Dockerfile and pushes `<git sha>` and `latest`. The
 * repository is created in the same apply; the image names reference the repository URL, so Terraform
 * pushes only after the repository exists. The registry credentials come from the ECR authorization
 * token of the account's default registry (no registry id, so the token is known at plan time, before
 * the repository exists).
 *
 * Pre-pushed mode: no docker provider and no docker resources; `data.aws_ecr_image` resolves the tag.
 */
export class ContainerImage extends Construct {
  /** `<repository url>@sha256:...`, what the task definition runs. */
  public readonly imageUri: string;
  /** The digest alone. */
  public readonly digest: string;
  /** The tag the image was pushed or looked up with. */
  public readonly tag: string;

  constructor(scope: Construct, id: string, props: ContainerImageProps) {
    super(scope, id);
    const repositoryUrl = props.repository.repositoryUrl;

    if (props.source.kind === 'pre-pushed') {
      this.tag = props.source.tag;
      const image = new DataAwsEcrImage(this, 'pre-pushed', {
        repositoryName: props.repository.name,
        imageTag: props.source.tag,
      });
      this.digest = image.imageDigest;
    } else {
      this.tag = props.source.gitSha;
      const token = new DataAwsEcrAuthorizationToken(this, 'ecr-token', {});
      const provider = new DockerProvider(this, 'docker', {
        registryAuth: [
          {
            address: Fn.replace(token.proxyEndpoint, 'https://', ''),
            username: token.userName,
            password: token.password,
          },
        ],
      });
      const platform = (props.cpuArchitecture ?? 'ARM64') === 'ARM64' ? 'linux/arm64' : 'linux/amd64';
      const shaName = `${repositoryUrl}:${props.source.gitSha}`;
      const latestName = `${repositoryUrl}:latest`;
      const built = new Image(this, 'build', {
        provider,
        name: shaName,
        platform,
        keepLocally: true,
        buildAttribute: {
          context: props.source.contextPath,
          dockerfile: props.source.dockerfile ?? 'Dockerfile',
          platform,
          tag: [shaName, latestName],
          // The Dockerfile's GIT_REVISION argument fills org.opencontainers.image.revision.
          buildArgs: { GIT_REVISION: props.source.gitSha },
        },
      });
      const pushedSha = new RegistryImage(this, 'push-sha', {
        provider,
        name: built.name,
        keepRemotely: true,
        triggers: { image_id: built.imageId },
      });
      new RegistryImage(this, 'push-latest', {
        provider,
        name: latestName,
        // `latest` moves: it is re-pushed whenever the built image changes, after the commit tag.
        keepRemotely: true,
        triggers: { image_id: built.imageId },
        dependsOn: [built, pushedSha],
      });
      this.digest = pushedSha.sha256Digest;
    }
    this.imageUri = `${repositoryUrl}@${this.digest}`;
  }
}
