import { asSyncError, GoogleUnavailableError, InternalError } from '../../src/core/errors';

describe('asSyncError', () => {
  it('tells Google failing for a moment from a bug, in plain words', () => {
    for (const message of [
      'Exception: Service Spreadsheets failed while accessing document with id 1abc.',
      'Service Spreadsheets timed out while accessing document with id 1abc.',
      "We're sorry, a server error occurred. Please wait a bit and try again.",
      'GoogleJsonResponseException: API call to drive.files.create failed with error: Internal Error',
    ]) {
      const e = asSyncError(new Error(message));
      expect(e).toBeInstanceOf(GoogleUnavailableError);
      expect(e.message).toMatch(
        /^Google did not answer in time \(.*\)\. Nothing was lost: the run goes on from its last checkpoint next time\.$/,
      );
    }
    expect(asSyncError(new TypeError('x is undefined'))).toBeInstanceOf(InternalError);
  });
});
