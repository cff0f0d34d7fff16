/** The shape of an AWS Region name (eu-west-1, us-gov-west-1, ap-southeast-5): in a model's `account.regions` and in `--region`. */
export const AWS_REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
